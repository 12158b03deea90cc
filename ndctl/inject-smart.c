// SPDX-License-Identifier: GPL-2.0-only
/*
 * ndctl inject-smart: set SMART alarm thresholds (one set-threshold
 * command built from the DIMM's current thresholds) and inject SMART
 * values (one inject command), then print the DIMM with its health.
 * Every value is checked, and the DIMM's family asked whether it can do
 * what was asked, before anything is sent.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ndctl/builtin.h"
#include "ndctl/dimm.h"
#include "ndctl/json.h"
#include "ndctl/json-health.h"

#define PROG "ndctl inject-smart"

/* the largest magnitude libndctl's 1/16 C encoding (15 bits) holds */
#define TEMP_MAX (0x7fff / 16.0)

struct smart_opts {
	const char *bus;
	bool human;
	int verbose;
	/* values to inject */
	const char *mtemp, *ctemp, *spares;
	bool mtemp_un, ctemp_un, spares_un;
	bool fatal, fatal_un, unsafe, unsafe_un, uninject_all;
	/* thresholds and alarm controls */
	const char *mtemp_thr, *ctemp_thr, *spares_thr;
	const char *mtemp_alarm, *ctemp_alarm, *spares_alarm;
};

/* parsed */
struct smart_req {
	bool set_mtemp, set_ctemp, set_spares;
	unsigned int mtemp, ctemp, spares;
	bool thr_mtemp, thr_ctemp, thr_spares;
	unsigned int thr_mtemp_v, thr_ctemp_v, thr_spares_v;
	/* alarm control: bits to set and bits to clear */
	unsigned int alarm_on, alarm_off;
	bool want_threshold, want_inject;
};

static int parse_temp(const char *opt, const char *s, unsigned int *out)
{
	char *end;
	double t;

	errno = 0;
	t = strtod(s, &end);
	if (!*s || *end || errno || isnan(t)) {
		fprintf(stderr, PROG ": --%s: not a temperature in degrees Celsius: '%s'\n",
			opt, s);
		return -EINVAL;
	}
	if (fabs(t) > TEMP_MAX) {
		fprintf(stderr, PROG ": --%s: %s C is out of range (-%g to %g)\n",
			opt, s, TEMP_MAX, TEMP_MAX);
		return -ERANGE;
	}
	*out = ndctl_encode_smart_temperature(t);
	return 0;
}

static int parse_percent(const char *opt, const char *s, unsigned int *out)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (!*s || *end || errno || *s == '-') {
		fprintf(stderr, PROG ": --%s: not a percentage: '%s'\n", opt, s);
		return -EINVAL;
	}
	if (v > 100) {
		fprintf(stderr, PROG ": --%s: %s is out of range (0 to 100)\n",
			opt, s);
		return -ERANGE;
	}
	*out = v;
	return 0;
}

static int parse_alarm(const char *opt, const char *s, unsigned int bit,
		       struct smart_req *r)
{
	if (strcmp(s, "on") == 0)
		r->alarm_on |= bit;
	else if (strcmp(s, "off") == 0)
		r->alarm_off |= bit;
	else {
		fprintf(stderr, PROG ": --%s: expected 'on' or 'off', not '%s'\n",
			opt, s);
		return -EINVAL;
	}
	return 0;
}

static int conflict(bool a, bool b, const char *what)
{
	if (a && b) {
		fprintf(stderr, PROG ": %s: cannot both inject and uninject\n",
			what);
		return -EINVAL;
	}
	return 0;
}

static int parse_request(const struct smart_opts *o, struct smart_req *r)
{
	memset(r, 0, sizeof(*r));
	if (conflict(o->mtemp, o->mtemp_un, "--media-temperature") ||
	    conflict(o->ctemp, o->ctemp_un, "--ctrl-temperature") ||
	    conflict(o->spares, o->spares_un, "--spares") ||
	    conflict(o->fatal, o->fatal_un, "--fatal") ||
	    conflict(o->unsafe, o->unsafe_un, "--unsafe-shutdown"))
		return -EINVAL;
	if (o->uninject_all && (o->mtemp || o->ctemp || o->spares || o->fatal ||
				o->unsafe)) {
		fprintf(stderr, PROG ": --uninject-all cannot be combined with injecting a value\n");
		return -EINVAL;
	}
	if (o->mtemp && parse_temp("media-temperature", o->mtemp, &r->mtemp))
		return -EINVAL;
	if (o->ctemp && parse_temp("ctrl-temperature", o->ctemp, &r->ctemp))
		return -EINVAL;
	if (o->spares && parse_percent("spares", o->spares, &r->spares))
		return -EINVAL;
	r->set_mtemp = !!o->mtemp;
	r->set_ctemp = !!o->ctemp;
	r->set_spares = !!o->spares;
	if (o->mtemp_thr && parse_temp("media-temperature-threshold",
				       o->mtemp_thr, &r->thr_mtemp_v))
		return -EINVAL;
	if (o->ctemp_thr && parse_temp("ctrl-temperature-threshold",
				       o->ctemp_thr, &r->thr_ctemp_v))
		return -EINVAL;
	if (o->spares_thr && parse_percent("spares-threshold", o->spares_thr,
					   &r->thr_spares_v))
		return -EINVAL;
	r->thr_mtemp = !!o->mtemp_thr;
	r->thr_ctemp = !!o->ctemp_thr;
	r->thr_spares = !!o->spares_thr;
	if ((o->mtemp_alarm && parse_alarm("media-temperature-alarm",
					   o->mtemp_alarm, ND_SMART_MTEMP_TRIP, r)) ||
	    (o->ctemp_alarm && parse_alarm("ctrl-temperature-alarm",
					   o->ctemp_alarm, ND_SMART_CTEMP_TRIP, r)) ||
	    (o->spares_alarm && parse_alarm("spares-alarm", o->spares_alarm,
					    ND_SMART_SPARE_TRIP, r)))
		return -EINVAL;
	r->want_threshold = r->thr_mtemp || r->thr_ctemp || r->thr_spares ||
			    r->alarm_on || r->alarm_off;
	r->want_inject = o->mtemp || o->ctemp || o->spares || o->mtemp_un ||
			 o->ctemp_un || o->spares_un || o->fatal || o->fatal_un ||
			 o->unsafe || o->unsafe_un || o->uninject_all;
	if (!r->want_threshold && !r->want_inject) {
		fprintf(stderr, PROG ": nothing to do: give a value to inject or a threshold to set (see --help)\n");
		return -EINVAL;
	}
	return 0;
}

struct smart_ctx {
	const struct smart_opts *o;
	const struct smart_req *r;
	struct json_object *jdimms;
	unsigned long flags;
};

static int fail_dimm(struct ndctl_dimm *dimm, const char *what, int rc)
{
	fprintf(stderr, PROG ": %s: %s: %s\n", ndctl_dimm_get_devname(dimm),
		what, strerror(-rc));
	return rc < 0 ? rc : -EIO;
}

/* Each field asked for must be one the family can inject. */
static int check_inject(struct ndctl_dimm *dimm, const struct smart_opts *o)
{
	int sup = ndctl_dimm_smart_inject_supported(dimm);
	static const struct {
		unsigned int bit;
		const char *what;
	} need[] = {
		{ ND_SMART_INJECT_MEDIA_TEMPERATURE, "a media temperature" },
		{ ND_SMART_INJECT_CTRL_TEMPERATURE, "a controller temperature" },
		{ ND_SMART_INJECT_SPARES_REMAINING, "spares" },
		{ ND_SMART_INJECT_HEALTH_STATE, "a fatal health state" },
		{ ND_SMART_INJECT_UNCLEAN_SHUTDOWN, "an unsafe shutdown" },
	};
	bool asked[] = {
		o->mtemp || o->mtemp_un, o->ctemp || o->ctemp_un,
		o->spares || o->spares_un, o->fatal || o->fatal_un,
		o->unsafe || o->unsafe_un,
	};
	size_t i;

	if (sup < 0) {
		fprintf(stderr, PROG ": %s: the DIMM cannot inject SMART values: %s\n",
			ndctl_dimm_get_devname(dimm), strerror(-sup));
		return sup;
	}
	for (i = 0; i < sizeof(need) / sizeof(need[0]); i++) {
		if (asked[i] && !(sup & need[i].bit)) {
			fprintf(stderr, PROG ": %s: the DIMM's family cannot inject %s\n",
				ndctl_dimm_get_devname(dimm), need[i].what);
			return -EOPNOTSUPP;
		}
	}
	return sup;
}

static int set_thresholds(struct ndctl_dimm *dimm, const struct smart_req *r)
{
	struct ndctl_cmd *thr, *set = NULL;
	unsigned int sup, ac, want = 0;
	int rc;

	thr = ndctl_dimm_cmd_new_smart_threshold(dimm);
	if (!thr) {
		fprintf(stderr, PROG ": %s: the DIMM has no SMART threshold command\n",
			ndctl_dimm_get_devname(dimm));
		return -EOPNOTSUPP;
	}
	rc = ndctl_cmd_submit_xlat(thr);
	if (rc < 0) {
		rc = fail_dimm(dimm, "reading SMART thresholds", rc);
		goto out;
	}
	sup = ndctl_cmd_smart_threshold_get_supported_alarms(thr);
	if (r->thr_mtemp)
		want |= ND_SMART_MTEMP_TRIP;
	if (r->thr_ctemp)
		want |= ND_SMART_CTEMP_TRIP;
	if (r->thr_spares)
		want |= ND_SMART_SPARE_TRIP;
	want |= r->alarm_on | r->alarm_off;
	if (want & ~sup) {
		fprintf(stderr, PROG ": %s: the DIMM has no settable %s threshold\n",
			ndctl_dimm_get_devname(dimm),
			(want & ~sup & ND_SMART_MTEMP_TRIP) ? "media temperature" :
			(want & ~sup & ND_SMART_CTEMP_TRIP) ? "controller temperature" :
							      "spares");
		rc = -EOPNOTSUPP;
		goto out;
	}
	/* starts from the current thresholds: what is not asked stays */
	set = ndctl_dimm_cmd_new_smart_set_threshold(thr);
	if (!set) {
		rc = fail_dimm(dimm, "building set-threshold", -ENOMEM);
		goto out;
	}
	ac = ndctl_cmd_smart_threshold_get_alarm_control(thr);
	ac = (ac | r->alarm_on) & ~r->alarm_off;
	rc = ndctl_cmd_smart_threshold_set_alarm_control(set, ac);
	if (!rc && r->thr_mtemp)
		rc = ndctl_cmd_smart_threshold_set_media_temperature(set,
							r->thr_mtemp_v);
	if (!rc && r->thr_ctemp)
		rc = ndctl_cmd_smart_threshold_set_ctrl_temperature(set,
							r->thr_ctemp_v);
	if (!rc && r->thr_spares)
		rc = ndctl_cmd_smart_threshold_set_spares(set, r->thr_spares_v);
	if (rc) {
		rc = fail_dimm(dimm, "set-threshold", rc);
		goto out;
	}
	rc = ndctl_cmd_submit_xlat(set);
	if (rc < 0)
		rc = fail_dimm(dimm, "set-threshold", rc);
out:
	ndctl_cmd_unref(set);
	ndctl_cmd_unref(thr);
	return rc;
}

static int inject(struct ndctl_dimm *dimm, const struct smart_opts *o,
		  const struct smart_req *r, int sup)
{
	bool all = o->uninject_all;
	struct ndctl_cmd *cmd;
	int rc = 0;

	cmd = ndctl_dimm_cmd_new_smart_inject(dimm);
	if (!cmd)
		return fail_dimm(dimm, "building smart inject", -EOPNOTSUPP);
	/* uninject-all: every field the family can inject */
	if (r->set_mtemp || o->mtemp_un ||
	    (all && (sup & ND_SMART_INJECT_MEDIA_TEMPERATURE)))
		rc = ndctl_cmd_smart_inject_media_temperature(cmd, r->set_mtemp,
							      r->mtemp);
	if (!rc && (r->set_ctemp || o->ctemp_un ||
		    (all && (sup & ND_SMART_INJECT_CTRL_TEMPERATURE))))
		rc = ndctl_cmd_smart_inject_ctrl_temperature(cmd, r->set_ctemp,
							     r->ctemp);
	if (!rc && (r->set_spares || o->spares_un ||
		    (all && (sup & ND_SMART_INJECT_SPARES_REMAINING))))
		rc = ndctl_cmd_smart_inject_spares(cmd, r->set_spares,
						   r->spares);
	if (!rc && (o->fatal || o->fatal_un ||
		    (all && (sup & ND_SMART_INJECT_HEALTH_STATE))))
		rc = ndctl_cmd_smart_inject_fatal(cmd, o->fatal);
	if (!rc && (o->unsafe || o->unsafe_un ||
		    (all && (sup & ND_SMART_INJECT_UNCLEAN_SHUTDOWN))))
		rc = ndctl_cmd_smart_inject_unsafe_shutdown(cmd, o->unsafe);
	if (rc)
		rc = fail_dimm(dimm, "smart inject", rc);
	else {
		rc = ndctl_cmd_submit_xlat(cmd);
		if (rc < 0)
			rc = fail_dimm(dimm, "smart inject", rc);
	}
	ndctl_cmd_unref(cmd);
	return rc;
}

static int smart_one(struct ndctl_dimm *dimm, void *arg)
{
	struct smart_ctx *c = arg;
	struct json_object *jdimm, *jhealth;
	int sup = 0, rc;

	if (c->r->want_inject) {
		sup = check_inject(dimm, c->o);
		if (sup < 0)
			return sup;
	}
	if (c->r->want_threshold) {
		rc = set_thresholds(dimm, c->r);
		if (rc < 0)
			return rc;
	}
	if (c->r->want_inject) {
		rc = inject(dimm, c->o, c->r, sup);
		if (rc < 0)
			return rc;
	}
	jdimm = nd_dimm_to_json(dimm, c->flags);
	if (!jdimm)
		return fail_dimm(dimm, "JSON", -ENOMEM);
	jhealth = nd_dimm_health_to_json(dimm, c->flags);
	if (jhealth)
		json_object_object_add(jdimm, "health", jhealth);
	json_object_array_add(c->jdimms, jdimm);
	return 0;
}

int cmd_inject_smart(int argc, const char **argv, struct ndctl_ctx *ctx)
{
	static const char *const usage[] = {
		"ndctl inject-smart <dimm> [<options>]", NULL
	};
	struct smart_opts o = { 0 };
	const struct option opts[] = {
		OPT_STRING('b', "bus", &o.bus, "bus-id",
			   "limit the dimm to a bus with this id or provider"),
		OPT_INCR('v', "verbose", &o.verbose, "emit debug messages"),
		OPT_BOOLEAN('u', "human", &o.human, "human friendly number formats"),
		OPT_STRING('m', "media-temperature", &o.mtemp, "degrees C",
			   "inject a media temperature"),
		OPT_STRING('M', "media-temperature-threshold", &o.mtemp_thr,
			   "degrees C", "set the media temperature threshold"),
		OPT_STRING(0, "media-temperature-alarm", &o.mtemp_alarm, "on|off",
			   "enable or disable the media temperature alarm"),
		OPT_BOOLEAN(0, "media-temperature-uninject", &o.mtemp_un,
			    "uninject the media temperature"),
		OPT_STRING('c', "ctrl-temperature", &o.ctemp, "degrees C",
			   "inject a controller temperature"),
		OPT_STRING('C', "ctrl-temperature-threshold", &o.ctemp_thr,
			   "degrees C", "set the controller temperature threshold"),
		OPT_STRING(0, "ctrl-temperature-alarm", &o.ctemp_alarm, "on|off",
			   "enable or disable the controller temperature alarm"),
		OPT_BOOLEAN(0, "ctrl-temperature-uninject", &o.ctemp_un,
			    "uninject the controller temperature"),
		OPT_STRING('s', "spares", &o.spares, "percent",
			   "inject a spares percentage"),
		OPT_STRING('S', "spares-threshold", &o.spares_thr, "percent",
			   "set the spares threshold"),
		OPT_STRING(0, "spares-alarm", &o.spares_alarm, "on|off",
			   "enable or disable the spares alarm"),
		OPT_BOOLEAN(0, "spares-uninject", &o.spares_un,
			    "uninject the spares percentage"),
		OPT_BOOLEAN('f', "fatal", &o.fatal, "inject a fatal health state"),
		OPT_BOOLEAN('F', "fatal-uninject", &o.fatal_un,
			    "uninject the fatal health state"),
		OPT_BOOLEAN('U', "unsafe-shutdown", &o.unsafe,
			    "inject an unsafe shutdown"),
		OPT_BOOLEAN(0, "unsafe-shutdown-uninject", &o.unsafe_un,
			    "uninject the unsafe shutdown"),
		OPT_BOOLEAN('N', "uninject-all", &o.uninject_all,
			    "uninject every field the DIMM can inject"),
		OPT_END(),
	};
	struct smart_req r;
	struct smart_ctx c = { .o = &o, .r = &r };
	int n, done, failed;

	n = nd_parse_options(argc, argv, opts, usage, PROG);
	if (n == 0) {
		fprintf(stderr, PROG ": specify the dimm (nmemN) to act on\n");
		return EXIT_USAGE;
	}
	if (n > 1) {
		fprintf(stderr, PROG ": one dimm at a time: unexpected '%s'\n",
			argv[1]);
		return EXIT_USAGE;
	}
	if (strcmp(argv[0], "all") == 0) {
		fprintf(stderr, PROG ": name one dimm, not 'all'\n");
		return EXIT_USAGE;
	}
	if (parse_request(&o, &r))
		return EXIT_USAGE;
	/* every failure gets its own line below */
	nd_quiet_library(ctx, o.verbose);
	c.flags = o.human ? UTIL_JSON_HUMAN : 0;
	c.jdimms = json_object_new_array();
	if (!c.jdimms) {
		fprintf(stderr, PROG ": %s\n", strerror(ENOMEM));
		return 1;
	}
	done = nd_for_each_dimm(ctx, PROG, o.bus, argv, 1, smart_one, &c,
				&failed);
	if (done > 0)
		util_json_print_list(stdout, c.jdimms, c.flags);
	json_object_put(c.jdimms);
	return done > 0 && !failed ? 0 : 1;
}
