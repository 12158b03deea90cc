// SPDX-License-Identifier: GPL-2.0-only
/*
 * Library context without a kernel: DAXCTL_LOG, priority, log callback,
 * userdata, config path, references, and NULL arguments everywhere.
 * Usage: ctx-test EXPECTED_PRIORITY   (run with DAXCTL_LOG set or not)
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include <daxctl/libdaxctl.h>

static int failures;
static struct daxctl_ctx *seen_ctx;
static int seen_prio = -1;
static char seen_msg[256];

#define check(cond, ...)                                                     \
	do {                                                                 \
		if (!(cond)) {                                               \
			fprintf(stderr, "FAIL: line %d: ", __LINE__);        \
			fprintf(stderr, __VA_ARGS__);                        \
			fputc('\n', stderr);                                 \
			failures++;                                          \
		}                                                            \
	} while (0)

__attribute__((format(printf, 6, 0)))
static void capture(struct daxctl_ctx *ctx, int prio, const char *file,
		    int line, const char *fn, const char *fmt, va_list ap)
{
	seen_ctx = ctx;
	seen_prio = prio;
	vsnprintf(seen_msg, sizeof(seen_msg), fmt, ap);
}

int main(int argc, char **argv)
{
	struct daxctl_ctx *ctx;
	char path[] = "/nonexistent/daxctl.conf.d";
	char empty[] = "";
	uuid_t u;
	int rc;

	if (argc != 2) {
		fprintf(stderr, "usage: %s EXPECTED_PRIORITY\n", argv[0]);
		return 2;
	}
	check(daxctl_new(NULL) == -EINVAL, "daxctl_new(NULL)");
	rc = daxctl_new(&ctx);
	if (rc) {
		fprintf(stderr, "FAIL: daxctl_new: %s\n", strerror(-rc));
		return 1;
	}
	check(daxctl_get_log_priority(ctx) == atoi(argv[1]),
	      "priority %d from DAXCTL_LOG=%s, want %s",
	      daxctl_get_log_priority(ctx), getenv("DAXCTL_LOG"), argv[1]);

	/* the callback gets our ctx and messages at or above priority */
	daxctl_set_log_priority(ctx, LOG_ERR);
	daxctl_set_log_fn(ctx, capture);
	check(daxctl_set_config_path(ctx, empty) == -EINVAL, "empty path");
	check(seen_ctx == ctx, "callback ctx %p, want %p", (void *)seen_ctx,
	      (void *)ctx);
	check(seen_prio == LOG_ERR, "callback priority %d", seen_prio);
	check(strstr(seen_msg, "config path") != NULL, "message '%s'",
	      seen_msg);
	seen_prio = -1;
	daxctl_set_log_priority(ctx, LOG_DEBUG);
	daxctl_set_log_priority(ctx, LOG_ERR);
	daxctl_set_userdata(ctx, path);
	check(daxctl_get_userdata(ctx) == path, "userdata");

	/* default config dir, then a copy of ours (the caller may free it) */
	check(daxctl_get_config_path(ctx) &&
		      strstr(daxctl_get_config_path(ctx), "daxctl.conf.d"),
	      "default config path '%s'", daxctl_get_config_path(ctx));
	check(daxctl_set_config_path(ctx, path) == 0, "set config path");
	path[1] = 'X';
	check(strcmp(daxctl_get_config_path(ctx),
		     "/nonexistent/daxctl.conf.d") == 0,
	      "config path '%s'", daxctl_get_config_path(ctx));

	check(daxctl_ref(ctx) == ctx, "ref");
	daxctl_unref(ctx);
	check(daxctl_get_userdata(ctx) == path, "ctx alive after ref/unref");

	/* NULL objects: defaults, no crash */
	check(daxctl_ref(NULL) == NULL, "ref NULL");
	daxctl_unref(NULL);
	check(daxctl_get_userdata(NULL) == NULL, "userdata NULL");
	check(daxctl_get_config_path(NULL) == NULL, "config NULL");
	check(daxctl_region_get_first(NULL) == NULL, "regions of NULL");
	check(daxctl_region_get_next(NULL) == NULL, "next region of NULL");
	check(daxctl_new_region(ctx, 0, u, NULL) == NULL, "new_region NULL");
	check(daxctl_new_region(NULL, 0, u, "/sys") == NULL, "new_region ctx");
	check(daxctl_region_get_size(NULL) == ULLONG_MAX, "region size");
	check(daxctl_region_get_align(NULL) == ULONG_MAX, "region align");
	check(daxctl_region_get_available_size(NULL) == 0, "available");
	check(daxctl_region_get_dev_seed(NULL) == NULL, "seed");
	check(daxctl_region_create_dev(NULL) == -EINVAL, "create");
	check(daxctl_region_destroy_dev(NULL, NULL) == -EINVAL, "destroy");
	check(daxctl_dev_get_first(NULL) == NULL, "devs of NULL");
	check(daxctl_dev_get_size(NULL) == 0, "dev size");
	check(daxctl_dev_get_target_node(NULL) == -1, "target node");
	check(daxctl_dev_is_enabled(NULL) == 0, "enabled");
	check(daxctl_dev_enable_devdax(NULL) == -EINVAL, "enable");
	check(daxctl_dev_disable(NULL) == -EINVAL, "disable");
	check(daxctl_dev_set_size(NULL, 0) == -EINVAL, "set size");
	check(daxctl_dev_set_align(NULL, 4096) == -EINVAL, "set align");
	check(daxctl_dev_set_mapping(NULL, 0, 1) == -EINVAL, "set mapping");
	check(daxctl_dev_get_memory(NULL) == NULL, "memory");
	check(daxctl_mapping_get_first(NULL) == NULL, "mappings");
	check(daxctl_memory_online(NULL) == -EINVAL, "online");
	check(daxctl_memory_offline(NULL) == -EINVAL, "offline");
	check(daxctl_memory_num_sections(NULL) == -EINVAL, "sections");
	daxctl_region_unref(NULL);
	daxctl_region_ref(NULL);

	/* a region by a path that does not exist is still an object */
	{
		struct daxctl_region *r;

		memset(u, 7, sizeof(u));
		r = daxctl_new_region(ctx, 42, u, "/nonexistent/region42");
		check(r && daxctl_region_get_id(r) == 42, "new_region id");
		check(r && strcmp(daxctl_region_get_devname(r), "region42")
			== 0, "devname");
		check(r && daxctl_region_get_ctx(r) == ctx, "region ctx");
		check(r && daxctl_dev_get_first(r) == NULL, "devices");
		check(r && daxctl_region_create_dev(r) == -EOPNOTSUPP,
		      "create in a region without dax_region/create");
		daxctl_region_unref(r);
	}
	daxctl_unref(ctx);
	if (failures)
		return 1;
	printf("ctx: ok\n");
	return 0;
}
