// SPDX-License-Identifier: LGPL-2.1-or-later
/* dax regions: discovery, attributes, device create/destroy. */
#include <errno.h>
#include <stdlib.h>

#include "private.h"

void daxctl_ctx_free_regions(struct daxctl_ctx *ctx)
{
}
