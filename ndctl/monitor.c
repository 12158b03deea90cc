// SPDX-License-Identifier: GPL-2.0-only
/*
 * ndctl monitor: wait for DIMM health notifications and log one JSON
 * object per event.
 *
 * The monitor sleeps in ppoll(2) on each DIMM's health event descriptor
 * (POLLPRI on nfit/flags) with no timeout unless --poll asks for one, and
 * with SIGTERM/SIGINT/SIGHUP blocked outside ppoll so that a signal is
 * never lost between a check and the sleep.  When woken it re-reads the
 * DIMM's SMART data and thresholds and compares them with what it saw
 * last: an event is a condition that was not there before (an alarm the
 * DIMM raised, a value that crossed its threshold, a change of the health
 * bits, a new unsafe shutdown).  A DIMM that fails its SMART command or
 * disappears is logged as such and the rest go on being watched.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "ndctl/builtin.h"
#include "ndctl/filter.h"
#include "ndctl/json.h"
#include "ndctl/json-health.h"
#include "ndctl/monitor-conf.h"
#include "util/read-file.h"

#define PROG "ndctl monitor"
#define DEFAULT_CONFIG NDCTL_CONF_DIR "/monitor.conf"

static const struct {
	const char *name;
	unsigned int bit;
} event_names[] = {
	{ "dimm-spares-remaining", ND_EVENT_SPARES_REMAINING },
	{ "dimm-media-temperature", ND_EVENT_MEDIA_TEMPERATURE },
	{ "dimm-controller-temperature", ND_EVENT_CTRL_TEMPERATURE },
	{ "dimm-health-state", ND_EVENT_HEALTH_STATE },
	{ "dimm-unclean-shutdown", ND_EVENT_UNCLEAN_SHUTDOWN },
};
#define NEVENTS (sizeof(event_names) / sizeof(event_names[0]))
#define ALL_EVENTS ((1u << NEVENTS) - 1)

/* One setting: from the command line, else the config file. */

struct mon_dimm {
	struct ndctl_dimm *dimm;
	char name[32];
	int fd;			/* health events, or -1 */
	bool have;		/* h holds a successful read */
	bool failing;		/* the last read failed (reported once) */
	struct nd_health h;
};

struct monitor {
	struct ndctl_ctx *ctx;
	const char *opt[NKEYS];		/* command line */
	char *conf[NKEYS];		/* config file */
	const char *config;		/* -c, or NULL: the default file */
	bool daemon, human;
	int verbose, poll;		/* poll: seconds, 0: none */
	/* in effect */
	unsigned int events;
	FILE *log;			/* NULL: syslog */
	bool log_stdout;
	struct mon_dimm *d;
	size_t nd;
	bool detached;			/* daemon: stderr is gone */
};

static volatile sig_atomic_t got_term, got_hup;

static void on_signal(int sig)
{
	if (sig == SIGHUP)
		got_hup = 1;
	else
		got_term = 1;
}

/* Diagnostics: stderr in the foreground, syslog once detached. */
static void __attribute__((format(printf, 2, 3)))
say(struct monitor *m, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (m->detached)
		vsyslog(LOG_ERR, fmt, ap);
	else {
		fprintf(stderr, PROG ": ");
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
	}
	va_end(ap);
}

static const char *setting(const struct monitor *m, enum mon_key k)
{
	return m->opt[k] ? m->opt[k] : m->conf[k];
}

/* Space or comma separated event names ("all" for every one). */
static int parse_events(const char *s, unsigned int *mask, const char *where)
{
	char *copy, *tok, *save = NULL;
	size_t i;
	int rc = 0;

	*mask = 0;
	if (!s) {
		*mask = ALL_EVENTS;
		return 0;
	}
	copy = strdup(s);
	if (!copy)
		return -ENOMEM;
	for (tok = strtok_r(copy, " \t,", &save); tok;
	     tok = strtok_r(NULL, " \t,", &save)) {
		if (strcmp(tok, "all") == 0) {
			*mask = ALL_EVENTS;
			continue;
		}
		for (i = 0; i < NEVENTS; i++)
			if (strcmp(tok, event_names[i].name) == 0)
				break;
		if (i == NEVENTS) {
			fprintf(stderr, PROG ": %sunknown dimm-event '%s' (expected dimm-spares-remaining, dimm-media-temperature, dimm-controller-temperature, dimm-health-state, dimm-unclean-shutdown or all)\n",
				where, tok);
			rc = -EINVAL;
			break;
		}
		*mask |= event_names[i].bit;
	}
	free(copy);
	if (!rc && !*mask) {
		fprintf(stderr, PROG ": %sno dimm-event given\n", where);
		rc = -EINVAL;
	}
	return rc;
}

/*
 * Read the config file into @conf (see monitor_conf_parse()), bounded like
 * every input file.  The default file may be missing; -c's may not.
 * Errors print one line "<file>:<line>: <why>".
 */
static int read_config(const char *path, bool must_exist, char **conf)
{
	char why[192], *buf;
	size_t len;
	int rc;

	rc = util_read_file(path, MONITOR_CONF_MAX,
			    must_exist ? 0 : UTIL_READ_OPTIONAL, &buf, &len,
			    why, sizeof(why));
	if (rc) {
		fprintf(stderr, PROG ": config file %s: %s\n", path, why);
		return rc;
	}
	if (!buf)
		return 0;	/* no default file */
	rc = monitor_conf_parse(buf, len, conf, why, sizeof(why));
	if (rc)
		fprintf(stderr, PROG ": %s:%s\n", path, why);
	free(buf);
	return rc;
}

/*
 * A daemon has no standard output and no working directory to resolve a
 * relative path against.  Returns -EINVAL after one line if @log cannot
 * serve.
 */
static int check_log_name(const char *log, bool daemon)
{
	if (daemon && strcmp(log, "standard") == 0) {
		fprintf(stderr, PROG ": --log=standard: a daemon has no standard output (use a file or syslog)\n");
		return -EINVAL;
	}
	if (daemon && strcmp(log, "syslog") != 0 &&
	    strcmp(log, "standard") != 0 && log[0] != '/') {
		fprintf(stderr, PROG ": --log=%s: a daemon needs an absolute path\n",
			log);
		return -EINVAL;
	}
	return 0;
}

/*
 * Open the log named by the settings: "standard", "syslog" or a file
 * (appended to).
 */
static int open_log(struct monitor *m, FILE **logp, bool *to_stdout)
{
	const char *log = setting(m, K_LOG);
	FILE *f;

	*logp = NULL;
	*to_stdout = false;
	if (!log)
		log = m->daemon ? "syslog" : "standard";
	if (check_log_name(log, m->daemon))
		return -EINVAL;
	if (strcmp(log, "syslog") == 0)
		return 0;
	if (strcmp(log, "standard") == 0) {
		*to_stdout = true;
		*logp = stdout;
		return 0;
	}
	f = fopen(log, "ae");
	if (!f) {
		int rc = -errno;

		fprintf(stderr, PROG ": cannot open log %s: %s\n", log,
			strerror(errno));
		return rc;
	}
	*logp = f;
	return 0;
}

static void close_log(struct monitor *m)
{
	if (m->log && !m->log_stdout)
		fclose(m->log);
	m->log = NULL;
	m->log_stdout = false;
}

static void emit(struct monitor *m, struct json_object *j)
{
	const char *s = json_object_to_json_string_ext(j,
			m->human ? JSON_C_TO_STRING_PRETTY : JSON_C_TO_STRING_PLAIN);

	if (!s)
		return;
	if (!m->log) {
		syslog(LOG_NOTICE, "%s", s);
		return;
	}
	fprintf(m->log, "%s\n", s);
	fflush(m->log);
}

/* {"timestamp":"sec.nsec","pid":N} to add the rest to */
static struct json_object *new_record(void)
{
	struct json_object *j = json_object_new_object();
	struct timespec ts;
	char buf[48];

	if (!j)
		return NULL;
	clock_gettime(CLOCK_REALTIME, &ts);
	snprintf(buf, sizeof(buf), "%lld.%09ld", (long long)ts.tv_sec,
		 ts.tv_nsec);
	json_object_object_add(j, "timestamp", json_object_new_string(buf));
	json_object_object_add(j, "pid", json_object_new_int(getpid()));
	return j;
}

static void log_event(struct monitor *m, struct mon_dimm *md,
		      unsigned int fired)
{
	unsigned long flags = m->human ? UTIL_JSON_HUMAN : 0;
	struct json_object *j = new_record(), *jev, *jdimm;
	size_t i;

	if (!j)
		return;
	jev = json_object_new_object();
	for (i = 0; jev && i < NEVENTS; i++)
		json_object_object_add(jev, event_names[i].name,
			json_object_new_boolean(!!(fired & event_names[i].bit)));
	if (jev)
		json_object_object_add(j, "event", jev);
	jdimm = nd_dimm_to_json(md->dimm, flags);
	if (jdimm) {
		json_object_object_add(jdimm, "health",
				       nd_health_to_json(&md->h, flags));
		json_object_object_add(j, "dimm", jdimm);
	}
	emit(m, j);
	json_object_put(j);
}

/* A DIMM that stopped answering or went away. */
static void log_trouble(struct monitor *m, const char *dimm, const char *why)
{
	struct json_object *j = new_record(), *jd;

	if (!j)
		return;
	jd = json_object_new_object();
	if (jd) {
		json_object_object_add(jd, "dev", json_object_new_string(dimm));
		json_object_object_add(j, "dimm", jd);
	}
	json_object_object_add(j, "error", json_object_new_string(why));
	emit(m, j);
	json_object_put(j);
}

/* Alarms the DIMM itself raises. */
static unsigned int alarm_conditions(const struct nd_health *h)
{
	unsigned int c = 0;

	if (h->rc || !(h->flags & ND_SMART_ALARM_VALID))
		return 0;
	if (h->alarm_flags & ND_SMART_SPARE_TRIP)
		c |= ND_EVENT_SPARES_REMAINING;
	if (h->alarm_flags & ND_SMART_MTEMP_TRIP)
		c |= ND_EVENT_MEDIA_TEMPERATURE;
	if (h->alarm_flags & ND_SMART_CTEMP_TRIP)
		c |= ND_EVENT_CTRL_TEMPERATURE;
	return c;
}

static bool temp_at_least(unsigned int t, unsigned int thr)
{
	return ndctl_decode_smart_temperature(t) >=
	       ndctl_decode_smart_temperature(thr);
}

/* Values past their thresholds, as the monitor sees them. */
static unsigned int value_conditions(const struct nd_health *h)
{
	unsigned int c = 0, f = h->flags, sup = h->supported_alarms;

	if (h->rc || !h->have_threshold)
		return 0;
	if ((f & ND_SMART_SPARES_VALID) && (sup & ND_SMART_SPARE_TRIP) &&
	    h->spares <= h->thr_spares)
		c |= ND_EVENT_SPARES_REMAINING;
	if ((f & ND_SMART_MTEMP_VALID) && (sup & ND_SMART_MTEMP_TRIP) &&
	    temp_at_least(h->mtemp, h->thr_mtemp))
		c |= ND_EVENT_MEDIA_TEMPERATURE;
	if ((f & ND_SMART_CTEMP_VALID) && (sup & ND_SMART_CTEMP_TRIP) &&
	    temp_at_least(h->ctemp, h->thr_ctemp))
		c |= ND_EVENT_CTRL_TEMPERATURE;
	return c;
}

/* What happened between @a (earlier) and @b (now). */
static unsigned int events_between(const struct nd_health *a,
				   const struct nd_health *b)
{
	unsigned int ev;

	ev = alarm_conditions(b) & ~alarm_conditions(a);
	ev |= value_conditions(b) & ~value_conditions(a);
	if ((a->flags ^ b->flags) & ND_SMART_HEALTH_VALID ||
	    ((b->flags & ND_SMART_HEALTH_VALID) && a->health != b->health))
		ev |= ND_EVENT_HEALTH_STATE;
	if ((b->flags & ND_SMART_SHUTDOWN_VALID) && b->shutdown_state &&
	    !((a->flags & ND_SMART_SHUTDOWN_VALID) && a->shutdown_state))
		ev |= ND_EVENT_UNCLEAN_SHUTDOWN;
	if ((a->flags & b->flags & ND_SMART_SHUTDOWN_COUNT_VALID) &&
	    b->shutdown_count > a->shutdown_count)
		ev |= ND_EVENT_UNCLEAN_SHUTDOWN;
	return ev;
}

static void drop_dimm(struct monitor *m, size_t i)
{
	if (m->d[i].fd >= 0)
		close(m->d[i].fd);
	m->d[i] = m->d[--m->nd];
}

/*
 * Re-read one DIMM: log what changed.  Returns false when the DIMM is
 * gone (the caller drops it).
 */
static bool check_dimm(struct monitor *m, struct mon_dimm *md)
{
	struct nd_health now;
	unsigned int ev;
	char why[128];

	if (nd_health_read(md->dimm, &now) < 0 || now.rc) {
		int rc = now.rc ? now.rc : -EOPNOTSUPP;

		if (!md->failing) {
			snprintf(why, sizeof(why), "SMART command failed: %s",
				 strerror(-rc));
			log_trouble(m, md->name, why);
			md->failing = true;
		}
		return true;
	}
	if (md->failing && m->verbose)
		say(m, "%s: SMART command works again", md->name);
	md->failing = false;
	ev = md->have ? events_between(&md->h, &now) : 0;
	md->h = now;
	md->have = true;
	if (ev & m->events)
		log_event(m, md, ev & m->events);
	else if (m->verbose)
		say(m, "%s: notified, no selected event", md->name);
	return true;
}

/* Re-arm a descriptor after a notification; false: the DIMM is gone. */
static bool rearm(struct mon_dimm *md)
{
	char buf[64];

	return md->fd < 0 || pread(md->fd, buf, sizeof(buf), 0) >= 0;
}

static bool dimm_in_regions(struct ndctl_dimm *dimm, const char *region,
			    const char *ns)
{
	struct ndctl_bus *bus = ndctl_dimm_get_bus(dimm);
	struct ndctl_region *r;
	struct ndctl_mapping *map;
	struct ndctl_namespace *n;

	ndctl_region_foreach(bus, r) {
		bool has = false, hit;

		if (!nd_region_match(r, region))
			continue;
		if (ns) {
			hit = false;
			ndctl_namespace_foreach(r, n)
				hit = hit || nd_namespace_match(n, ns);
			if (!hit)
				continue;
		}
		ndctl_mapping_foreach(r, map)
			has = has || ndctl_mapping_get_dimm(map) == dimm;
		if (has)
			return true;
	}
	return false;
}

/* Enable the DIMM's alarm controls for the selected events. */
static void enable_alarms(struct monitor *m, struct mon_dimm *md)
{
	unsigned int want = 0, ac, sup;
	struct ndctl_cmd *thr, *set = NULL;

	if (m->events & ND_EVENT_SPARES_REMAINING)
		want |= ND_SMART_SPARE_TRIP;
	if (m->events & ND_EVENT_MEDIA_TEMPERATURE)
		want |= ND_SMART_MTEMP_TRIP;
	if (m->events & ND_EVENT_CTRL_TEMPERATURE)
		want |= ND_SMART_CTEMP_TRIP;
	thr = ndctl_dimm_cmd_new_smart_threshold(md->dimm);
	if (!thr || ndctl_cmd_submit_xlat(thr) < 0)
		goto out;
	sup = ndctl_cmd_smart_threshold_get_supported_alarms(thr);
	ac = ndctl_cmd_smart_threshold_get_alarm_control(thr);
	want &= sup;
	if ((ac & want) == want)
		goto out;
	set = ndctl_dimm_cmd_new_smart_set_threshold(thr);
	if (!set || ndctl_cmd_smart_threshold_set_alarm_control(set, ac | want) ||
	    ndctl_cmd_submit_xlat(set) < 0) {
		if (m->verbose)
			say(m, "%s: could not enable alarm controls %#x",
			    md->name, want);
	}
out:
	ndctl_cmd_unref(set);
	ndctl_cmd_unref(thr);
}

static void free_dimms(struct monitor *m)
{
	while (m->nd)
		drop_dimm(m, m->nd - 1);
	free(m->d);
	m->d = NULL;
}

/* The DIMMs the settings select that have a SMART command. */
static int find_dimms(struct monitor *m)
{
	const char *bus = setting(m, K_BUS), *dimm = setting(m, K_DIMM);
	const char *region = setting(m, K_REGION), *ns = setting(m, K_NAMESPACE);
	struct nd_filter f = { .bus = bus, .dimm = dimm, .region = region,
			       .namespace = ns };
	struct nd_sorted buses, dimms;
	size_t b, i;
	struct ndctl_cmd *cmd;
	int rc = 0;

	if (nd_filter_check_exists(m->ctx, &f, PROG))
		return -ENXIO;
	if (nd_sorted_buses(m->ctx, &buses))
		return -ENOMEM;
	for (b = 0; b < buses.n && !rc; b++) {
		if (!nd_bus_match(buses.v[b].obj, bus) ||
		    nd_sorted_dimms(buses.v[b].obj, &dimms))
			continue;
		for (i = 0; i < dimms.n; i++) {
			struct ndctl_dimm *d = dimms.v[i].obj;
			struct mon_dimm *md, *nd;

			if (!nd_dimm_match(d, dimm))
				continue;
			if ((region || ns) && !dimm_in_regions(d, region, ns))
				continue;
			cmd = ndctl_dimm_cmd_new_smart(d);
			if (!cmd) {
				if (m->verbose)
					say(m, "%s: no SMART command, not monitored",
					    ndctl_dimm_get_devname(d));
				continue;
			}
			ndctl_cmd_unref(cmd);
			nd = realloc(m->d, (m->nd + 1) * sizeof(*m->d));
			if (!nd) {
				rc = -ENOMEM;
				break;
			}
			m->d = nd;
			md = &m->d[m->nd++];
			memset(md, 0, sizeof(*md));
			md->dimm = d;
			snprintf(md->name, sizeof(md->name), "%s",
				 ndctl_dimm_get_devname(d));
			md->fd = ndctl_dimm_get_health_eventfd(d);
			if (md->fd < 0) {
				if (!m->poll)
					say(m, "%s: no health notifications (%s); watched only with --poll",
					    md->name, strerror(-md->fd));
				md->fd = -1;
			}
		}
		nd_sorted_free(&dimms);
	}
	nd_sorted_free(&buses);
	if (rc)
		return rc;
	if (!m->nd) {
		fprintf(stderr, PROG ": no DIMM with SMART health matches the filters\n");
		return -ENXIO;
	}
	for (i = 0; i < m->nd; i++) {
		enable_alarms(m, &m->d[i]);
		/* the baseline: events are what changes from here */
		check_dimm(m, &m->d[i]);
	}
	return 0;
}

/*
 * Settings from the config file and the command line; all are checked
 * before any takes effect.  On error nothing changes.
 */
static int configure(struct monitor *m)
{
	char *conf[NKEYS] = { 0 };
	char *old[NKEYS];
	unsigned int events;
	bool to_stdout;
	FILE *log;
	int rc, k;

	rc = read_config(m->config ? m->config : DEFAULT_CONFIG, !!m->config,
			 conf);
	if (rc)
		return rc;
	memcpy(old, m->conf, sizeof(old));
	memcpy(m->conf, conf, sizeof(conf));
	rc = parse_events(setting(m, K_EVENT), &events,
			  m->opt[K_EVENT] ? "" : "config: ");
	if (!rc)
		rc = open_log(m, &log, &to_stdout);
	if (rc) {
		monitor_conf_free(m->conf);
		memcpy(m->conf, old, sizeof(old));
		return rc;
	}
	for (k = 0; k < NKEYS; k++)
		free(old[k]);
	close_log(m);
	m->log = log;
	m->log_stdout = to_stdout;
	m->events = events;
	return 0;
}

/* SIGHUP: re-read the config, reopen the log, select the DIMMs anew. */
static void reload(struct monitor *m)
{
	if (configure(m)) {
		say(m, "reload failed; keeping the previous settings");
		return;
	}
	free_dimms(m);
	m->nd = 0;
	if (find_dimms(m))
		say(m, "reload: no DIMMs to watch; waiting for signals");
	else if (m->verbose)
		say(m, "reloaded: watching %zu DIMM%s", m->nd,
		    m->nd == 1 ? "" : "s");
}

static int daemonize(struct monitor *m)
{
	pid_t pid;
	int fd;

	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, PROG ": fork: %s\n", strerror(errno));
		return -errno;
	}
	if (pid > 0)
		_exit(0);
	if (setsid() < 0)
		return -errno;
	if (chdir("/") < 0)
		return -errno;
	fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (fd >= 0) {
		dup2(fd, STDIN_FILENO);
		dup2(fd, STDOUT_FILENO);
		dup2(fd, STDERR_FILENO);
		if (fd > STDERR_FILENO)
			close(fd);
	}
	m->detached = true;
	return 0;
}

static int run(struct monitor *m, const sigset_t *waitmask)
{
	struct pollfd *pfd = NULL;
	size_t i, n;

	for (;;) {
		struct timespec ts = { .tv_sec = m->poll }, *tmo;
		struct pollfd *np;
		int rc;

		if (got_term)
			break;
		if (got_hup) {
			got_hup = 0;
			reload(m);
		}
		np = realloc(pfd, (m->nd ? m->nd : 1) * sizeof(*pfd));
		if (!np) {
			say(m, "%s", strerror(ENOMEM));
			free(pfd);
			return -ENOMEM;
		}
		pfd = np;
		for (i = n = 0; i < m->nd; i++) {
			pfd[i].fd = m->d[i].fd;	/* -1 is ignored by ppoll */
			pfd[i].events = POLLPRI;
			pfd[i].revents = 0;
			n++;
		}
		tmo = m->poll ? &ts : NULL;
		rc = ppoll(pfd, n, tmo, waitmask);
		if (rc < 0) {
			if (errno == EINTR)
				continue;
			say(m, "poll: %s", strerror(errno));
			free(pfd);
			return -errno;
		}
		/* walk backwards: dropping moves the last DIMM into slot i */
		for (i = n; i-- > 0;) {
			struct mon_dimm *md = &m->d[i];

			if (rc > 0 && !(pfd[i].revents & (POLLPRI | POLLERR | POLLNVAL)))
				continue;
			if (!rearm(md) || pfd[i].revents & POLLNVAL) {
				log_trouble(m, md->name, "the DIMM is gone");
				drop_dimm(m, i);
				continue;
			}
			check_dimm(m, md);
		}
	}
	free(pfd);
	return 0;
}

int cmd_monitor(int argc, const char **argv, struct ndctl_ctx *ctx)
{
	static const char *const usage[] = { "ndctl monitor [<options>]", NULL };
	struct monitor m = { .ctx = ctx };
	const struct option opts[] = {
		OPT_STRING('b', "bus", &m.opt[K_BUS], "bus-id", "filter by bus"),
		OPT_STRING('r', "region", &m.opt[K_REGION], "region-id",
			   "filter by region"),
		OPT_STRING('d', "dimm", &m.opt[K_DIMM], "dimm-id", "filter by dimm"),
		OPT_STRING('n', "namespace", &m.opt[K_NAMESPACE], "namespace-id",
			   "filter by namespace"),
		OPT_STRING('D', "dimm-event", &m.opt[K_EVENT], "event",
			   "filter by DIMM event type"),
		OPT_STRING('l', "log", &m.opt[K_LOG], "<file> | syslog | standard",
			   "where to log the notifications"),
		OPT_STRING('c', "config-file", &m.config, "config-file",
			   "read this config file instead of the default"),
		OPT_BOOLEAN(0, "daemon", &m.daemon, "run as a daemon"),
		OPT_BOOLEAN('u', "human", &m.human, "human friendly output"),
		OPT_INCR('v', "verbose", &m.verbose, "emit extra debug messages"),
		OPT_INTEGER('p', "poll", &m.poll, "n",
			    "also re-read every <n> seconds"),
		OPT_END(),
	};
	struct sigaction sa = { .sa_handler = on_signal };
	sigset_t block, orig;
	int n, rc;

	n = nd_parse_options(argc, argv, opts, usage, PROG);
	if (n > 0) {
		fprintf(stderr, PROG ": unexpected argument '%s'\n", argv[0]);
		return EXIT_USAGE;
	}
	if (m.poll < 0) {
		fprintf(stderr, PROG ": --poll: %d is not a number of seconds (0 or more)\n",
			m.poll);
		return EXIT_USAGE;
	}
	/*
	 * The command line's values are checked here, so that a bad one is a
	 * usage error; configure() checks them again together with the
	 * config file's, whose errors are failures.
	 */
	if (m.opt[K_EVENT]) {
		unsigned int events;

		rc = parse_events(m.opt[K_EVENT], &events, "");
		if (rc)
			return rc == -EINVAL ? EXIT_USAGE : EXIT_FAIL;
	}
	if (m.opt[K_LOG] && check_log_name(m.opt[K_LOG], m.daemon))
		return EXIT_USAGE;

	if (m.verbose)
		ndctl_set_log_priority(ctx, LOG_DEBUG);
	openlog("ndctl-monitor", LOG_PID, LOG_DAEMON);

	/* signals wait for ppoll: none is lost between check and sleep */
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &orig);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	rc = configure(&m);
	if (!rc)
		rc = find_dimms(&m);
	if (!rc && m.verbose)
		say(&m, "watching %zu DIMM%s", m.nd, m.nd == 1 ? "" : "s");
	if (!rc && m.daemon)
		rc = daemonize(&m);
	if (!rc)
		rc = run(&m, &orig);
	free_dimms(&m);
	close_log(&m);
	monitor_conf_free(m.conf);
	closelog();
	sigprocmask(SIG_SETMASK, &orig, NULL);
	return rc ? 1 : 0;
}
