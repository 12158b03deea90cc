// SPDX-License-Identifier: GPL-2.0-only
/*
 * The pure input parsers: create-device --input JSON, daxctl.conf.d and
 * ndctl monitor config, plus util_read_file()'s bounds.  Valid input is
 * parsed to the values expected; each invalid field is refused naming it.
 * "--replay KIND FILE..." runs files (fuzzer seeds and crash inputs)
 * through a parser and only demands that it returns.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "daxctl/daxconf.h"
#include "daxctl/input.h"
#include "ndctl/monitor-conf.h"
#include "test/libndctl/expect.h"
#include "util/read-file.h"

#define check expect

static void input_ok(const char *json, uint64_t size, uint64_t align,
		     int region, size_t nr)
{
	struct dax_input in;
	char why[192] = "";
	int rc = dax_input_parse(json, strlen(json), &in, why, sizeof(why));

	check(rc == 0, "'%s' refused: %s", json, why);
	if (rc)
		return;
	check(in.size == size && in.align == align && in.region == region &&
	      in.nr == nr, "'%s': size %llu align %llu region %d nr %zu",
	      json, (unsigned long long)in.size,
	      (unsigned long long)in.align, in.region, in.nr);
	dax_input_free(&in);
}

/* reconfigure-device --input: settings only */
static void settings_ok(const char *json, bool has_size, uint64_t size,
			uint64_t align, int mode, int movable, int id)
{
	struct dax_input in;
	char why[192] = "";
	int rc = dax_input_parse_settings(json, strlen(json), &in, why,
					  sizeof(why));

	check(rc == 0, "settings '%s' refused: %s", json, why);
	if (rc)
		return;
	check(in.has_size == has_size && in.size == size &&
	      in.align == align && in.mode == mode && in.movable == movable &&
	      in.id == id && in.nr == 0,
	      "settings '%s': size %d/%llu align %llu mode %d movable %d id %d",
	      json, in.has_size, (unsigned long long)in.size,
	      (unsigned long long)in.align, in.mode, in.movable, in.id);
	dax_input_free(&in);
}

static void settings_bad(const char *json, const char *want)
{
	struct dax_input in;
	char why[192] = "";
	int rc = dax_input_parse_settings(json, strlen(json), &in, why,
					  sizeof(why));

	check(rc < 0, "settings '%s' accepted", json);
	check(strstr(why, want), "settings '%s': '%s' lacks '%s'", json, why,
	      want);
	if (!rc)
		dax_input_free(&in);
}

static void test_settings(void)
{
	settings_ok("{}", false, 0, 0, 0, -1, -1);
	settings_ok("{\"chardev\":\"dax1.3\",\"size\":268435456,\"target_node\":1,"
		    "\"align\":2097152,\"mode\":\"system-ram\",\"online_memblocks\":2,"
		    "\"total_memblocks\":2,\"movable\":false}",
		    true, 268435456, 2097152, DAX_INPUT_SYSTEM_RAM, 0, 3);
	settings_ok("[{\"size\":\"512M\",\"mode\":\"devdax\",\"align\":\"1G\"}]",
		    true, 512ULL << 20, 1ULL << 30, DAX_INPUT_DEVDAX, -1, -1);
	settings_ok("{\"size\":0}", true, 0, 0, 0, -1, -1);
	settings_bad("{\"mappings\":[{\"start\":0,\"end\":4095}]}", "\"mappings\"");
	settings_bad("{\"size\":-1}", "\"size\" is negative");
	settings_bad("{\"size\":\"256.00 MiB (268.44 MB)\"}", "invalid size");
	settings_bad("{\"align\":12288}", "not a power of two");
	settings_bad("{\"mode\":\"turbo\"}", "\"mode\"");
	settings_bad("{\"movable\":\"yes\"}", "\"movable\" must be boolean");
	settings_bad("{\"chardev\":\"dax1\"}", "\"chardev\"");
	settings_bad("{\"bogus\":1}", "unknown field \"bogus\"");
	settings_bad("[{},{}]", "expected one device");
}

static void input_bad(const char *json, const char *want)
{
	struct dax_input in;
	char why[192] = "";
	int rc = dax_input_parse(json, strlen(json), &in, why, sizeof(why));

	check(rc < 0, "'%s' accepted", json);
	check(strstr(why, want), "'%s': '%s' lacks '%s'", json, why, want);
	if (!rc)
		dax_input_free(&in);
}

#define MAP "\"mappings\":[{\"start\":0,\"end\":2097151}]"

static void test_input(void)
{
	struct dax_input in;
	char why[64];

	input_ok("{" MAP "}", 2097152, 0, -1, 1);
	input_ok("[{\"chardev\":\"dax3.1\",\"size\":2097152,\"align\":4096,"
		 "\"mode\":\"devdax\",\"target_node\":-1," MAP "}]",
		 2097152, 4096, 3, 1);
	/* list -u's forms: hex strings, rounded human sizes */
	input_ok("{\"align\":\"1024.00 MiB (1073.74 MB)\","
		 "\"mappings\":[{\"page_offset\":\"0x200\",\"start\":\"0x200000\","
		 "\"end\":\"0x3fffff\",\"size\":\"2M\"},"
		 "{\"page_offset\":0,\"start\":0,\"end\":4095}]}",
		 2101248, 1 << 30, -1, 2);
	input_ok("{\"size\":\"8.00 MiB (8.39 MB)\",\"mappings\":[{\"start\":0,"
		 "\"end\":\"0x7fffff\",\"size\":\"8.00 MiB (8.39 MB)\"}]}",
		 8 << 20, 0, -1, 1);
	/* page_offset order, not file order */
#define SORTED "{\"mappings\":[{\"page_offset\":9,\"start\":4096," \
	"\"end\":8191},{\"page_offset\":1,\"start\":0,\"end\":4095}]}"
	check(dax_input_parse(SORTED, strlen(SORTED), &in, why,
			      sizeof(why)) == 0 &&
	      in.ranges[0].start == 0 && in.ranges[1].start == 4096,
	      "mappings sorted by page_offset");
	dax_input_free(&in);

	input_bad("{\"align\":\"-1\"," MAP "}", "\"align\": invalid size '-1'");
	input_bad("{\"align\":-1," MAP "}", "\"align\" is negative");
	input_bad("{\"align\":12288," MAP "}", "\"align\" 12288 is not a power of two");
	input_bad("{\"align\":0," MAP "}", "not a power of two");
	input_bad("{\"align\":[]," MAP "}", "\"align\" must be an integer");
	input_bad("{\"align\":1e3," MAP "}", "not double");
	input_bad("{\"align\":99999999999999999999," MAP "}", "\"align\" is too large");
	input_bad("{\"size\":4096," MAP "}", "\"size\" is 4096 but the mappings add up to 2097152");
	input_bad("{\"size\":-5," MAP "}", "\"size\" is negative");
	input_bad("{\"size\":\"3.00 MiB (3.15 MB)\"," MAP "}", "\"size\": invalid size");
	input_bad("{\"mode\":\"fsdax\"," MAP "}", "\"mode\" must be devdax or system-ram, not 'fsdax'");
	input_bad("{\"mode\":null," MAP "}", "\"mode\" must be string, not null");
	input_bad("{\"chardev\":\"dax1.x\"," MAP "}", "\"chardev\" 'dax1.x' is not a device name");
	input_bad("{\"chardev\":\"dax99999999999.0\"," MAP "}", "is not a device name");
	input_bad("{\"chardev\":7," MAP "}", "\"chardev\" must be string");
	input_bad("{\"numa_node\":true," MAP "}", "\"numa_node\" must be int");
	input_bad("{\"state\":1," MAP "}", "\"state\" must be string");
	input_bad("{\"total_memblocks\":-7," MAP "}", "\"total_memblocks\" is negative");
	input_bad("{\"bogus\":1," MAP "}", "unknown field \"bogus\"");
	input_bad("{}", "no \"mappings\"");
	input_bad("{\"mappings\":\"x\"}", "\"mappings\" must be array");
	input_bad("{\"mappings\":[]}", "\"mappings\" is empty");
	input_bad("{\"mappings\":[[]]}", "mapping 0 is not an object");
	input_bad("{\"mappings\":[{\"end\":1}]}", "mapping 0 needs \"start\" and \"end\"");
	input_bad("{\"mappings\":[{\"start\":2,\"end\":1}]}", "mapping 0: \"end\" is below \"start\"");
	input_bad("{\"mappings\":[{\"start\":0,\"end\":1,\"x\":1}]}", "mapping 0: unknown field \"x\"");
	input_bad("{\"mappings\":[{\"start\":0,\"end\":1,\"size\":3}]}", "\"mappings[0].size\" is 3 but start..end spans 2");
	input_bad("{\"mappings\":[{\"start\":0,\"end\":1,\"page_offset\":-1}]}", "\"mappings[0].page_offset\" is negative");
	input_bad("{\"mappings\":[{\"start\":\"1Q\",\"end\":1}]}", "\"mappings[0].start\": invalid size '1Q'");
	input_bad("{\"mappings\":[{\"start\":0,\"end\":18446744073709551615}]}", "\"mappings[0].end\" is too large");
	input_bad("{\"mappings\":[{\"start\":0,\"end\":1,\"page_offset\":4},"
		  "{\"start\":2,\"end\":3,\"page_offset\":4}]}", "two mappings have page_offset 4");
	input_bad("{\"mappings\":[{\"start\":0,\"end\":18446744073709551614},"
		  "{\"start\":0,\"end\":18446744073709551614}]}", "total overflows");
	input_bad("[]", "expected one device, not an array of 0");
	input_bad("7", "expected a device object");
	input_bad("{\"mappings\":[{\"start\":0,", "truncated JSON");
	input_bad("{} {}", "trailing data");
	input_bad("", "empty");
	check(dax_input_parse("{\0}", 3, &in, why, sizeof(why)) < 0 &&
	      strstr(why, "NUL"), "a NUL byte refused: %s", why);
}

#define UUID "48d8e42c-a2f0-4312-9e70-a837faafe862"

static int conf(const char *text, struct dax_conf *out, char *why)
{
	char uuids[2][64] = { UUID, "" }, buf[1024];
	size_t len = strlen(text);

	memcpy(buf, text, len + 1);
	why[0] = '\0';
	return dax_conf_parse(buf, len, uuids, out, why, 192);
}

static void conf_bad(const char *text, const char *want)
{
	struct dax_conf out;
	char why[192];
	int rc = conf(text, &out, why);

	check(rc == -EINVAL, "'%s': rc %d", text, rc);
	check(strstr(why, want), "'%s': '%s' lacks '%s'", text, why, want);
}

static void test_daxconf(void)
{
	struct dax_conf out;
	char why[192];

	check(conf("# c\n[reconfigure-device x]\nnvdimm.uuid = 00000000-1111-2222-3333-444444444444\n"
		   "[reconfigure-device  db ]\r\nnvdimm.uuid = " UUID "\r\n"
		   "mode = system-ram\nonline = yes\nmovable = 0\n[other]\nfoo\n",
		   &out, why) == -EINVAL, "a bad line after the match is still checked");
	check(conf("# c\n[reconfigure-device x]\nnvdimm.uuid = 00000000-1111-2222-3333-444444444444\n"
		   "[reconfigure-device  db ]\r\nnvdimm.uuid = " UUID "\r\n"
		   "mode = system-ram\nonline = yes\nmovable = 0\n[other]\nfoo = bar\n",
		   &out, why) == 0 && !strcmp(out.label, "db") &&
	      !strcmp(out.mode, "system-ram") && out.online == 1 &&
	      out.movable == 0, "the matching section: %s", why);
	check(conf("[reconfigure-device a]\nnvdimm.uuid = " UUID "\n", &out,
		   why) == 0 && !out.mode[0] && out.online == -1 &&
	      out.movable == -1, "defaults");
	check(conf("[reconfigure-device a]\nnvdimm.uuid = 00000000-1111-2222-3333-444444444444\n",
		   &out, why) == -ENOENT, "no match");
	check(conf("", &out, why) == -ENOENT, "empty file");
	conf_bad("[reconfigure-device a]\nnvdimm.uuid = " UUID "\nmode = turbo\n",
		 "3: mode must be system-ram or devdax, not 'turbo'");
	conf_bad("[reconfigure-device a]\nnvdimm.uuid = " UUID "\nonline = maybe\n",
		 "3: online: expected true or false, got 'maybe'");
	conf_bad("[reconfigure-device a]\nnvdimm.uuid = " UUID "\nmovable = 2\n",
		 "3: movable: expected true or false, got '2'");
	conf_bad("[reconfigure-device a]\nnvdimm.uuid = nope\n",
		 "2: nvdimm.uuid is not a uuid: 'nope'");
	conf_bad("[reconfigure-device a]\nnvdimm.uuid = " UUID "\nnvdimm.uuid = " UUID "\n",
		 "3: nvdimm.uuid given twice");
	conf_bad("[reconfigure-device a]\nnvdimm.uuid = " UUID "\nmode = devdax\nmode = devdax\n",
		 "4: mode given twice");
	conf_bad("[reconfigure-device a]\nmode = devdax\n",
		 "1: section 'a' has no nvdimm.uuid");
	conf_bad("[reconfigure-device a]\nnvdimm.uuid = " UUID "\ncolour = red\n",
		 "3: unknown key 'colour'");
	conf_bad("[reconfigure-device a\n", "1: bad section header");
	conf_bad("junk\n", "1: expected key = value, got 'junk'");
}

static void test_monitor(void)
{
	char *c[NKEYS] = { NULL }, why[192], buf[512];

#define MON(text) (strcpy(buf, text), why[0] = '\0', \
		   monitor_conf_parse(buf, strlen(buf), c, why, sizeof(why)))
	check(MON("# x\nbus = a\n[core]\nfoo\n[monitor]\ndimm = nmem0 \nlog = /x\n") == -EINVAL,
	      "a bad line in another section");
	check(MON("# x\nbus = a\n[core]\nfoo=1\n[monitor]\ndimm = nmem0 \nlog = /x\n") == 0 &&
	      !strcmp(c[K_BUS], "a") && !strcmp(c[K_DIMM], "nmem0") &&
	      !strcmp(c[K_LOG], "/x") && !c[K_REGION], "settings: %s", why);
	monitor_conf_free(c);
	check(MON("bus = a\nfoo = b\n") == -EINVAL && !c[K_BUS] &&
	      strstr(why, "2: unknown key 'foo'"), "unknown key: %s", why);
	check(MON("bus =\n") == -EINVAL && strstr(why, "1: no value for 'bus'"),
	      "no value: %s", why);
	check(MON("[monitor\n") == -EINVAL && strstr(why, "1: bad section header"),
	      "section: %s", why);
	check(MON("x\n\nbus\n") == -EINVAL && strstr(why, "1: expected 'key = value'"),
	      "no '=': %s", why);
	check(monitor_conf_parse(strcpy(buf, "bus = a\n\nb\0"), 11, c, why,
				 sizeof(why)) == -EINVAL &&
	      strstr(why, "3: a NUL byte"), "NUL: %s", why);
#undef MON
}

static void test_read_file(void)
{
	char dir[] = "/tmp/test-read-file.XXXXXX", path[64], why[96], *buf;
	size_t len;
	int fd, rc;

	if (!mkdtemp(dir)) {
		check(0, "mkdtemp");
		return;
	}
	snprintf(path, sizeof(path), "%s/f", dir);
	fd = open(path, O_WRONLY | O_CREAT, 0600);
	check(fd >= 0 && write(fd, "12345", 5) == 5, "write %s", path);
	close(fd);
	rc = util_read_file(path, 5, 0, &buf, &len, why, sizeof(why));
	check(rc == 0 && len == 5 && !strcmp(buf, "12345"), "exactly max: %s", why);
	if (!rc)
		free(buf);
	rc = util_read_file(path, 4, 0, &buf, &len, why, sizeof(why));
	check(rc == -EFBIG && !strcmp(why, "larger than 4 bytes"), "max+1: %s", why);
	rc = util_read_file("/dev/zero", 4096, 0, &buf, &len, why, sizeof(why));
	check(rc < 0 && !strcmp(why, "not a regular file"), "/dev/zero: %s", why);
	rc = util_read_file(dir, 4096, 0, &buf, &len, why, sizeof(why));
	check(rc == -EISDIR, "directory: %s", why);
	snprintf(path, sizeof(path), "%s/fifo", dir);
	check(mkfifo(path, 0600) == 0, "mkfifo");
	/* no writer: a blocking open would hang here */
	rc = util_read_file(path, 4096, 0, &buf, &len, why, sizeof(why));
	check(rc < 0 && !strcmp(why, "not a regular file"), "FIFO: %s", why);
	unlink(path);
	snprintf(path, sizeof(path), "%s/none", dir);
	rc = util_read_file(path, 4096, UTIL_READ_OPTIONAL, &buf, &len, why,
			    sizeof(why));
	check(rc == 0 && !buf, "optional missing file");
	rc = util_read_file(path, 4096, 0, &buf, &len, why, sizeof(why));
	check(rc == -ENOENT, "missing file: %s", why);
	snprintf(path, sizeof(path), "%s/f", dir);
	unlink(path);
	rmdir(dir);
}

static int replay(const char *kind, const char *file)
{
	char why[192], uuids[2][64] = { UUID, "" }, *buf, *c[NKEYS] = { NULL };
	struct dax_conf out;
	struct dax_input in;
	size_t len;

	if (util_read_file(file, 1 << 20, 0, &buf, &len, why, sizeof(why))) {
		fprintf(stderr, "%s: %s\n", file, why);
		return 1;
	}
	if (!strcmp(kind, "dax-input")) {
		if (dax_input_parse(buf, len, &in, why, sizeof(why)) == 0)
			dax_input_free(&in);
	} else if (!strcmp(kind, "daxconf")) {
		dax_conf_parse(buf, len, uuids, &out, why, sizeof(why));
	} else if (!strcmp(kind, "monitor")) {
		monitor_conf_parse(buf, len, c, why, sizeof(why));
		monitor_conf_free(c);
	} else {
		fprintf(stderr, "unknown kind %s\n", kind);
		free(buf);
		return 1;
	}
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	int i, rc = 0;

	if (argc > 2 && !strcmp(argv[1], "--replay")) {
		for (i = 3; i < argc; i++)
			rc |= replay(argv[2], argv[i]);
		return rc;
	}
	test_input();
	test_settings();
	test_daxconf();
	test_monitor();
	test_read_file();
	if (failures)
		fprintf(stderr, "%d failure(s)\n", failures);
	return failures ? 1 : 0;
}
