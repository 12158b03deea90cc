// SPDX-License-Identifier: GPL-2.0-only
/*
 * A consumer of Debian's libpmem2 (built by pmdk.sh against the packaged
 * libpmem2.so.1, which has no development package here): list or clear the
 * bad blocks that PMDK finds under a device-DAX device or a file on fsdax,
 * which it learns, and for device DAX clears, through libndctl.  PMDK's
 * bad-block calls need no mapping of the device.
 *
 *   pmem2-bb list PATH     "bb OFFSET LENGTH" (bytes into PATH) per bad block
 *   pmem2-bb clear PATH    clear each and print "cleared OFFSET LENGTH"
 * Exit status 1 when libpmem2 reports an error (other than the end of the
 * list) or a clear fails.
 *
 * libpmem2's public interface, as its manual pages document it.
 */
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* pmem2_badblock_next's "no more bad blocks" (libpmem2.h) */
#define PMEM2_E_NO_BAD_BLOCK_FOUND (-100029)

struct pmem2_source;
struct pmem2_badblock_context;
struct pmem2_badblock {
	size_t offset;
	size_t length;
};

int pmem2_source_from_fd(struct pmem2_source **src, int fd);
int pmem2_source_delete(struct pmem2_source **src);
int pmem2_badblock_context_new(struct pmem2_badblock_context **bbctx,
			       const struct pmem2_source *src);
int pmem2_badblock_next(struct pmem2_badblock_context *bbctx,
			struct pmem2_badblock *bb);
int pmem2_badblock_clear(struct pmem2_badblock_context *bbctx,
			 const struct pmem2_badblock *bb);
void pmem2_badblock_context_delete(struct pmem2_badblock_context **bbctx);
const char *pmem2_errormsg(void);

int main(int argc, char **argv)
{
	struct pmem2_badblock_context *bbctx = NULL;
	struct pmem2_source *src = NULL;
	struct pmem2_badblock bb;
	int fd, rc, clear, status = 0;

	if (argc != 3 || (strcmp(argv[1], "list") && strcmp(argv[1], "clear"))) {
		fprintf(stderr, "usage: pmem2-bb list|clear PATH\n");
		return 2;
	}
	clear = !strcmp(argv[1], "clear");
	fd = open(argv[2], O_RDWR);
	if (fd < 0) {
		perror(argv[2]);
		return 1;
	}
	if (pmem2_source_from_fd(&src, fd)) {
		fprintf(stderr, "pmem2_source_from_fd: %s\n", pmem2_errormsg());
		return 1;
	}
	if (pmem2_badblock_context_new(&bbctx, src)) {
		fprintf(stderr, "pmem2_badblock_context_new: %s\n",
			pmem2_errormsg());
		return 1;
	}
	while ((rc = pmem2_badblock_next(bbctx, &bb)) == 0) {
		printf("bb %zu %zu\n", bb.offset, bb.length);
		if (!clear)
			continue;
		if (pmem2_badblock_clear(bbctx, &bb)) {
			fprintf(stderr, "pmem2_badblock_clear %zu+%zu: %s\n",
				bb.offset, bb.length, pmem2_errormsg());
			status = 1;
		} else {
			printf("cleared %zu %zu\n", bb.offset, bb.length);
		}
	}
	if (rc != PMEM2_E_NO_BAD_BLOCK_FOUND) {
		fprintf(stderr, "pmem2_badblock_next: %d: %s\n", rc,
			pmem2_errormsg());
		status = 1;
	}
	pmem2_badblock_context_delete(&bbctx);
	pmem2_source_delete(&src);
	close(fd);
	return status;
}
