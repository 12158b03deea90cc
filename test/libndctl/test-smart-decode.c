// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the DIMM families' SMART and threshold decoders
 * (lib/ndctl/dimm-*.c) on payloads built here, byte by byte, from the
 * published layouts: the Intel and HPE DSM SMART pages, Microsoft's
 * NVDIMM-N function 11, the Hyper-V virtual NVDIMM functions 1 and 2,
 * and the kernel's PAPR PDSM health payload.  With file arguments it
 * instead replays each file through every decoder at every length (the
 * fuzzer's seeds and any input that once broke a decoder).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smart-exercise.h"

#include "expect.h"

/* payload fields in the platform's byte order, at their published offsets */
static void put8(uint8_t *b, size_t off, unsigned int v)
{
	b[off] = (uint8_t)v;
}

static void put16(uint8_t *b, size_t off, unsigned int v)
{
	uint16_t x = (uint16_t)v;

	memcpy(b + off, &x, sizeof(x));
}

static void put32(uint8_t *b, size_t off, uint32_t v)
{
	memcpy(b + off, &v, sizeof(v));
}

static void put64(uint8_t *b, size_t off, uint64_t v)
{
	memcpy(b + off, &v, sizeof(v));
}

/*
 * The last decode's payload copy: exactly @len bytes on the heap, kept
 * until the next decode so vendor data can be looked at.
 */
static uint8_t *last_copy;

static int decode(const struct nd_family *fam, const uint8_t *p, size_t len,
		  struct nd_smart *s)
{
	const char *why;
	int rc;

	free(last_copy);
	last_copy = malloc(len ? len : 1);
	if (!last_copy)
		abort();
	memcpy(last_copy, p, len);
	memset(s, 0, sizeof(*s));
	rc = fam->decode_smart(last_copy, len, s);
	why = smart_check(fam, last_copy, len, rc, s);
	expect(!why, "%s at %zu bytes: %s", fam->name, len, why);
	return rc;
}

static int decode_t(const struct nd_family *fam, const uint8_t *p, size_t len,
		    struct nd_smart_threshold *t)
{
	uint8_t *copy = malloc(len ? len : 1);
	const char *why;
	int rc;

	if (!copy)
		abort();
	memcpy(copy, p, len);
	memset(t, 0, sizeof(*t));
	rc = fam->decode_threshold(copy, len, t);
	free(copy);
	why = threshold_check(fam, rc, t);
	expect(!why, "%s threshold at %zu bytes: %s", fam->name, len, why);
	return rc;
}

/* Every length below @min refused, every one from @min to @full taken. */
static void sweep(const struct nd_family *fam, const uint8_t *p, size_t min,
		  size_t full)
{
	struct nd_smart s;
	size_t len;

	for (len = 0; len <= full; len++) {
		int rc = decode(fam, p, len, &s);

		if (len < min)
			expect(rc == -EINVAL, "%s: %zu bytes accepted", fam->name,
			       len);
		else
			expect(rc == 0, "%s: %zu bytes refused (%d)", fam->name,
			       len, rc);
	}
}

static void sweep_t(const struct nd_family *fam, const uint8_t *p, size_t min,
		    size_t full)
{
	struct nd_smart_threshold t;
	size_t len;

	for (len = 0; len <= full; len++) {
		int rc = decode_t(fam, p, len, &t);

		expect((len < min) == (rc == -EINVAL), "%s threshold: %zu bytes: %d",
		       fam->name, len, rc);
	}
}

static unsigned int temp16(int celsius)
{
	return celsius < 0 ? 0x8000u | (unsigned int)(-celsius * 16) :
			     (unsigned int)(celsius * 16);
}

/* ---- Intel: struct of 132 bytes, vendor data from offset 40 ---- */

enum {
	I_FLAGS = 4, I_HEALTH = 12, I_SPARES = 13, I_USED = 14, I_ALARM = 15,
	I_MTEMP = 16, I_CTEMP = 18, I_COUNT = 20, I_STATE = 35,
	I_VSIZE = 36, I_VDATA = 40, I_FULL = 132,
};

#define INTEL_KNOWN                                                          \
	(ND_SMART_HEALTH_VALID | ND_SMART_SPARES_VALID | ND_SMART_USED_VALID |   \
	 ND_SMART_MTEMP_VALID | ND_SMART_CTEMP_VALID |                         \
	 ND_SMART_SHUTDOWN_COUNT_VALID | ND_SMART_AIT_STATUS_VALID |           \
	 ND_SMART_PTEMP_VALID | ND_SMART_ALARM_VALID |                         \
	 ND_SMART_SHUTDOWN_VALID | ND_SMART_VENDOR_VALID)

static void intel_payload(uint8_t *b)
{
	int i;

	memset(b, 0, I_FULL);
	put32(b, I_FLAGS, INTEL_KNOWN | (1u << 8) | (1u << 20));
	put8(b, I_HEALTH, ND_SMART_CRITICAL_HEALTH);
	put8(b, I_SPARES, 75);
	put8(b, I_USED, 5);
	put8(b, I_ALARM, ND_SMART_SPARE_TRIP | ND_SMART_MTEMP_TRIP);
	put16(b, I_MTEMP, temp16(23));
	put16(b, I_CTEMP, temp16(-10));
	put32(b, I_COUNT, 42);
	put8(b, I_STATE, 1);
	put32(b, I_VSIZE, 10);
	for (i = 0; i < 92; i++)
		put8(b, I_VDATA + i, 0x40 + i);
}

static void test_intel(void)
{
	const struct nd_family *f = &nd_family_intel;
	uint8_t b[I_FULL];
	struct nd_smart s;
	unsigned int bit;

	expect(f->family == NVDIMM_FAMILY_INTEL, "family number");
	intel_payload(b);
	expect(decode(f, b, I_FULL, &s) == 0, "full payload");
	expect(s.flags == INTEL_KNOWN, "flags %#x (undefined bits kept?)",
	       s.flags);
	expect(s.health == ND_SMART_CRITICAL_HEALTH, "health %#x", s.health);
	expect(s.spares == 75 && s.life_used == 5, "spares %u used %u",
	       s.spares, s.life_used);
	expect(s.alarm_flags == (ND_SMART_SPARE_TRIP | ND_SMART_MTEMP_TRIP),
	       "alarms %#x", s.alarm_flags);
	expect(ndctl_decode_smart_temperature(s.media_temperature) == 23.0,
	       "media %#x", s.media_temperature);
	expect(ndctl_decode_smart_temperature(s.ctrl_temperature) == -10.0,
	       "negative controller temperature %#x", s.ctrl_temperature);
	expect(s.shutdown_count == 42 && s.shutdown_state == 1,
	       "count %u state %u", s.shutdown_count, s.shutdown_state);
	expect(s.vendor_size == 10 && s.vendor_data &&
		       s.vendor_data[0] == 0x40 && s.vendor_data[9] == 0x49,
	       "vendor %u", s.vendor_size);

	/* each validity flag on its own, and none */
	for (bit = 1; bit; bit <<= 1) {
		if (!(INTEL_KNOWN & bit))
			continue;
		put32(b, I_FLAGS, bit);
		decode(f, b, I_FULL, &s);
		expect(s.flags == bit, "flag %#x alone: %#x", bit, s.flags);
	}
	put32(b, I_FLAGS, 0);
	decode(f, b, I_FULL, &s);
	expect(s.flags == 0, "no flags: %#x", s.flags);

	/* vendor data: cut to the area, to the payload, dropped when empty */
	put32(b, I_FLAGS, ND_SMART_VENDOR_VALID);
	put32(b, I_VSIZE, 1000);
	decode(f, b, I_FULL, &s);
	expect(s.vendor_size == 92, "vendor clamp %u", s.vendor_size);
	decode(f, b, I_VDATA + 5, &s);
	expect(s.vendor_size == 5, "vendor cut to payload %u", s.vendor_size);
	decode(f, b, I_VDATA, &s);
	expect(s.vendor_size == 0 && !(s.flags & ND_SMART_VENDOR_VALID),
	       "no vendor bytes: %u %#x", s.vendor_size, s.flags);
	put32(b, I_VSIZE, 0);
	decode(f, b, I_FULL, &s);
	expect(!(s.flags & ND_SMART_VENDOR_VALID), "empty vendor kept valid");

	intel_payload(b);
	sweep(f, b, I_VDATA, I_FULL);
}

static void test_intel_threshold(void)
{
	const struct nd_family *f = &nd_family_intel;
	struct nd_smart_threshold t;
	uint8_t b[12] = { 0 };

	put16(b, 4, ND_SMART_SPARE_TRIP | ND_SMART_CTEMP_TRIP);
	put8(b, 6, 15);
	put16(b, 7, temp16(80));
	put16(b, 9, temp16(-3));
	expect(decode_t(f, b, sizeof(b), &t) == 0, "threshold");
	expect(t.alarm_control == (ND_SMART_SPARE_TRIP | ND_SMART_CTEMP_TRIP),
	       "alarm control %#x", t.alarm_control);
	expect(t.spares == 15, "spares %u", t.spares);
	expect(ndctl_decode_smart_temperature(t.media_temperature) == 80.0 &&
		       ndctl_decode_smart_temperature(t.ctrl_temperature) == -3.0,
	       "temperatures %#x %#x", t.media_temperature, t.ctrl_temperature);
	sweep_t(f, b, 11, sizeof(b));
}

/* ---- HPE1: status, then the 124-byte SMART data ---- */

enum {
	H_VALID = 4, H_HEALTH = 8, H_TEMP = 9, H_SPARES = 11, H_ALARM = 12,
	H_LIFE = 14, H_SHUTDOWN = 15, H_VSIZE = 66, H_VDATA = 68, H_FULL = 128,
};

#define H_ALL 0x23fu /* health temp spares alarm used shutdown, vendor */

static void hpe1_payload(uint8_t *b)
{
	int i;

	memset(b, 0, H_FULL);
	put32(b, H_VALID, H_ALL);
	put8(b, H_HEALTH, 1u << 1); /* critical */
	put16(b, H_TEMP, temp16(-5));
	put8(b, H_SPARES, 50);
	/* temperature and spare trips, plus life warning: no generic bit */
	put16(b, H_ALARM, 0x7);
	put8(b, H_LIFE, 20);
	put8(b, H_SHUTDOWN, 1u << 1); /* last save good */
	put16(b, H_VSIZE, 4);
	for (i = 0; i < 60; i++)
		put8(b, H_VDATA + i, 0x80 + i);
}

static void test_hpe1(void)
{
	static const struct {
		unsigned int hpe, nd;
	} flag[] = {
		{ 1u << 0, ND_SMART_HEALTH_VALID },
		{ 1u << 1, ND_SMART_MTEMP_VALID },
		{ 1u << 2, ND_SMART_SPARES_VALID },
		{ 1u << 3, ND_SMART_ALARM_VALID },
		{ 1u << 4, ND_SMART_USED_VALID },
		{ 1u << 5, ND_SMART_SHUTDOWN_VALID },
		{ 1u << 9, ND_SMART_VENDOR_VALID },
		/* statistics, details, energy source: nothing generic */
		{ 1u << 6, 0 }, { 1u << 7, 0 }, { 1u << 8, 0 }, { 1u << 31, 0 },
	};
	const struct nd_family *f = &nd_family_hpe1;
	uint8_t b[H_FULL];
	struct nd_smart s;
	size_t i;

	expect(f->family == NVDIMM_FAMILY_HPE1, "family number");
	hpe1_payload(b);
	expect(decode(f, b, H_FULL, &s) == 0, "full payload");
	expect(s.flags == (ND_SMART_HEALTH_VALID | ND_SMART_MTEMP_VALID |
			   ND_SMART_SPARES_VALID | ND_SMART_ALARM_VALID |
			   ND_SMART_USED_VALID | ND_SMART_SHUTDOWN_VALID |
			   ND_SMART_VENDOR_VALID),
	       "flags %#x", s.flags);
	expect(s.health == ND_SMART_CRITICAL_HEALTH, "health %#x", s.health);
	expect(ndctl_decode_smart_temperature(s.media_temperature) == -5.0,
	       "negative temperature %#x", s.media_temperature);
	expect(s.spares == 50 && s.life_used == 20, "spares %u used %u",
	       s.spares, s.life_used);
	expect(s.alarm_flags == (ND_SMART_MTEMP_TRIP | ND_SMART_SPARE_TRIP),
	       "alarms %#x", s.alarm_flags);
	expect(s.shutdown_state == 0, "clean shutdown read as %u",
	       s.shutdown_state);
	expect(s.vendor_size == 4 && s.vendor_data[0] == 0x80 &&
		       s.vendor_data[3] == 0x83,
	       "vendor %u", s.vendor_size);

	for (i = 0; i < sizeof(flag) / sizeof(flag[0]); i++) {
		put32(b, H_VALID, flag[i].hpe);
		decode(f, b, H_FULL, &s);
		expect(s.flags == flag[i].nd, "hpe flag %#x: %#x", flag[i].hpe,
		       s.flags);
	}
	put32(b, H_VALID, 0);
	decode(f, b, H_FULL, &s);
	expect(s.flags == 0 && s.health == 0 && s.media_temperature == 0,
	       "nothing valid, yet %#x", s.flags);

	/* health bits one by one */
	hpe1_payload(b);
	put8(b, H_HEALTH, 1u << 0);
	decode(f, b, H_FULL, &s);
	expect(s.health == ND_SMART_NON_CRITICAL_HEALTH, "%#x", s.health);
	put8(b, H_HEALTH, 1u << 2);
	decode(f, b, H_FULL, &s);
	expect(s.health == ND_SMART_FATAL_HEALTH, "%#x", s.health);
	put8(b, H_HEALTH, 0xf8);
	decode(f, b, H_FULL, &s);
	expect(s.health == 0, "undefined health bits: %#x", s.health);

	/* a save that did not complete, whatever else is set */
	put8(b, H_SHUTDOWN, 0);
	decode(f, b, H_FULL, &s);
	expect(s.shutdown_state == 1, "dirty %u", s.shutdown_state);
	put8(b, H_SHUTDOWN, 0xfd);
	decode(f, b, H_FULL, &s);
	expect(s.shutdown_state == 1, "dirty with other bits %u",
	       s.shutdown_state);

	/* percentages over 100 are not reported */
	put8(b, H_SPARES, 101);
	put8(b, H_LIFE, 255);
	decode(f, b, H_FULL, &s);
	expect(!(s.flags & (ND_SMART_SPARES_VALID | ND_SMART_USED_VALID)),
	       "bad percentages valid: %#x", s.flags);
	put8(b, H_SPARES, 100);
	put8(b, H_LIFE, 0);
	decode(f, b, H_FULL, &s);
	expect((s.flags & ND_SMART_SPARES_VALID) && s.spares == 100 &&
		       (s.flags & ND_SMART_USED_VALID) && s.life_used == 0,
	       "edge percentages %#x", s.flags);

	/* vendor data: clamped, cut, or dropped */
	hpe1_payload(b);
	put16(b, H_VSIZE, 0xffff);
	decode(f, b, H_FULL, &s);
	expect(s.vendor_size == 60, "vendor clamp %u", s.vendor_size);
	decode(f, b, H_VDATA + 7, &s);
	expect(s.vendor_size == 7, "vendor cut %u", s.vendor_size);
	decode(f, b, H_VDATA, &s);
	expect(!s.vendor_size && !(s.flags & ND_SMART_VENDOR_VALID),
	       "vendor with no bytes");
	put16(b, H_VSIZE, 0);
	decode(f, b, H_FULL, &s);
	expect(!(s.flags & ND_SMART_VENDOR_VALID), "empty vendor valid");

	hpe1_payload(b);
	sweep(f, b, H_VDATA, H_FULL);
}

static void test_hpe1_threshold(void)
{
	const struct nd_family *f = &nd_family_hpe1;
	struct nd_smart_threshold t;
	uint8_t b[36] = { 0 };

	/* every enable bit: only temperature and spares are generic */
	put16(b, 4, 0xffff);
	put16(b, 6, temp16(-20));
	put8(b, 8, 10);
	expect(decode_t(f, b, sizeof(b), &t) == 0, "threshold");
	expect(t.alarm_control == (ND_SMART_MTEMP_TRIP | ND_SMART_SPARE_TRIP),
	       "alarm control %#x", t.alarm_control);
	expect(ndctl_decode_smart_temperature(t.media_temperature) == -20.0,
	       "temperature %#x", t.media_temperature);
	expect(t.spares == 10 && t.ctrl_temperature == 0, "spares %u ctrl %u",
	       t.spares, t.ctrl_temperature);
	put16(b, 4, 1u << 1);
	decode_t(f, b, sizeof(b), &t);
	expect(t.alarm_control == ND_SMART_SPARE_TRIP, "%#x", t.alarm_control);
	sweep_t(f, b, 9, sizeof(b));
	expect(f->supported_alarms == (ND_SMART_MTEMP_TRIP | ND_SMART_SPARE_TRIP),
	       "supported alarms %#x", f->supported_alarms);
}

/* ---- MSFT function 11: 13 bytes ---- */

enum { M_HEALTH = 4, M_TEMP = 6, M_LIFE = 10, M_FULL = 13 };

static void msft_payload(uint8_t *b)
{
	memset(b, 0, M_FULL);
	put16(b, M_TEMP, 31);
	put8(b, 8, 0x7); /* threshold status: not reported */
	put8(b, 9, 0x7);
	put8(b, M_LIFE, 90);
	put8(b, 11, 3);
	put8(b, 12, 4);
}

static void test_msft(void)
{
	static const struct {
		unsigned int bits, health;
	} grade[] = {
		{ 0, 0 },
		{ 1u << 0, ND_SMART_NON_CRITICAL_HEALTH },
		{ 1u << 14, ND_SMART_NON_CRITICAL_HEALTH },
		{ 0x0101, ND_SMART_CRITICAL_HEALTH },
		{ 0x0700, ND_SMART_FATAL_HEALTH },
		{ 0x7fff, ND_SMART_FATAL_HEALTH },
		{ 0x8000, 0 }, /* not a defined bit */
		{ 0x8001, ND_SMART_NON_CRITICAL_HEALTH },
	};
	const struct nd_family *f = &nd_family_msft;
	uint8_t b[M_FULL];
	struct nd_smart s;
	size_t i;

	expect(f->family == NVDIMM_FAMILY_MSFT, "family number");
	expect(!f->decode_threshold && !f->new_smart_inject,
	       "MSFT has only health");
	msft_payload(b);
	expect(decode(f, b, M_FULL, &s) == 0, "full payload");
	expect(s.flags == (ND_SMART_HEALTH_VALID | ND_SMART_MTEMP_VALID |
			   ND_SMART_USED_VALID),
	       "flags %#x", s.flags);
	expect(s.health == 0, "healthy read as %#x", s.health);
	expect(ndctl_decode_smart_temperature(s.media_temperature) == 31.0,
	       "temperature %#x", s.media_temperature);
	expect(s.life_used == 10, "life used %u", s.life_used);
	expect(s.alarm_flags == 0 && s.spares == 0, "alarms/spares reported");

	for (i = 0; i < sizeof(grade) / sizeof(grade[0]); i++) {
		put16(b, M_HEALTH, grade[i].bits);
		decode(f, b, M_FULL, &s);
		expect(s.health == grade[i].health, "bits %#x: %#x", grade[i].bits,
		       s.health);
	}

	put16(b, M_TEMP, 0);
	decode(f, b, M_FULL, &s);
	expect((s.flags & ND_SMART_MTEMP_VALID) && s.media_temperature == 0,
	       "0 C");
	put16(b, M_TEMP, 2047);
	decode(f, b, M_FULL, &s);
	expect((s.flags & ND_SMART_MTEMP_VALID) &&
		       s.media_temperature == 2047 * 16,
	       "2047 C: %#x", s.media_temperature);
	put16(b, M_TEMP, 2048);
	decode(f, b, M_FULL, &s);
	expect(!(s.flags & ND_SMART_MTEMP_VALID), "2048 C valid: %#x",
	       s.media_temperature);
	put16(b, M_TEMP, 0xffff); /* not a negative reading: none */
	decode(f, b, M_FULL, &s);
	expect(!(s.flags & ND_SMART_MTEMP_VALID), "0xffff valid");

	put8(b, M_LIFE, 0);
	decode(f, b, M_FULL, &s);
	expect((s.flags & ND_SMART_USED_VALID) && s.life_used == 100,
	       "no life left: %u", s.life_used);
	put8(b, M_LIFE, 100);
	decode(f, b, M_FULL, &s);
	expect((s.flags & ND_SMART_USED_VALID) && s.life_used == 0, "new: %u",
	       s.life_used);
	put8(b, M_LIFE, 101);
	decode(f, b, M_FULL, &s);
	expect(!(s.flags & ND_SMART_USED_VALID), "lifetime 101 valid");

	msft_payload(b);
	sweep(f, b, M_FULL, M_FULL);
}

/* ---- Hyper-V: function 1's 8 bytes, then function 2's 8 ---- */

enum { V_HEALTH = 4, V_SD_STATUS = 8, V_COUNT = 12, V_FULL = 16 };

static void test_hyperv(void)
{
	static const struct {
		unsigned int bits, health;
	} grade[] = {
		{ 0, 0 },
		{ 1u << 0, ND_SMART_CRITICAL_HEALTH },
		{ 1u << 1, ND_SMART_CRITICAL_HEALTH },
		{ 1u << 2, ND_SMART_FATAL_HEALTH },
		{ 1u << 3, ND_SMART_NON_CRITICAL_HEALTH },
		{ 1u << 4, ND_SMART_NON_CRITICAL_HEALTH },
		{ 1u << 5, ND_SMART_NON_CRITICAL_HEALTH },
		{ 0x3f, ND_SMART_CRITICAL_HEALTH | ND_SMART_FATAL_HEALTH |
				ND_SMART_NON_CRITICAL_HEALTH },
		{ 0xffffffc0u, 0 }, /* undefined bits */
	};
	const struct nd_family *f = &nd_family_hyperv;
	uint8_t b[V_FULL] = { 0 };
	struct nd_smart s;
	size_t i, len;

	expect(f->family == NVDIMM_FAMILY_HYPERV, "family number");
	for (i = 0; i < sizeof(grade) / sizeof(grade[0]); i++) {
		put32(b, V_HEALTH, grade[i].bits);
		expect(decode(f, b, 8, &s) == 0, "health only");
		expect(s.flags == ND_SMART_HEALTH_VALID, "flags %#x", s.flags);
		expect(s.health == grade[i].health, "bits %#x: %#x",
		       grade[i].bits, s.health);
	}

	/* the count, when the submit hook fetched it */
	put32(b, V_HEALTH, 0);
	put32(b, V_COUNT, 7);
	expect(decode(f, b, V_FULL, &s) == 0, "with count");
	expect(s.flags == (ND_SMART_HEALTH_VALID | ND_SMART_SHUTDOWN_COUNT_VALID) &&
		       s.shutdown_count == 7,
	       "flags %#x count %u", s.flags, s.shutdown_count);
	put32(b, V_SD_STATUS, 1);
	decode(f, b, V_FULL, &s);
	expect(!(s.flags & ND_SMART_SHUTDOWN_COUNT_VALID), "failed count valid");
	put32(b, V_SD_STATUS, 0);
	for (len = 9; len < V_FULL; len++) {
		decode(f, b, len, &s);
		expect(!(s.flags & ND_SMART_SHUTDOWN_COUNT_VALID),
		       "count from %zu bytes", len);
	}
	sweep(f, b, 8, V_FULL);
}

/* ---- PAPR: 8-byte PDSM header, then the 184-byte health union ---- */

enum {
	P_EXT = 8, P_UNARMED = 12, P_BAD_SHUTDOWN = 13, P_HEALTH = 18,
	P_FUEL = 20, P_DSC = 24, P_FULL = 192,
};

static void papr_payload(uint8_t *b)
{
	memset(b, 0, P_FULL);
	put32(b, P_EXT, 0x3); /* fuel gauge and dirty shutdown count */
	put8(b, P_UNARMED, 1);
	put8(b, P_BAD_SHUTDOWN, 1);
	put8(b, 14, 1); /* bad restore, scrubbed, locked, encrypted */
	put8(b, 15, 1);
	put8(b, 16, 1);
	put8(b, 17, 1);
	put16(b, P_HEALTH, 2);
	put16(b, P_FUEL, 85);
	put64(b, P_DSC, 9);
}

static void test_papr(void)
{
	static const unsigned int state[] = {
		0, ND_SMART_NON_CRITICAL_HEALTH, ND_SMART_CRITICAL_HEALTH,
		ND_SMART_FATAL_HEALTH,
	};
	const struct nd_family *f = &nd_family_papr;
	uint8_t b[P_FULL];
	struct nd_smart s;
	unsigned int i;
	size_t len;

	expect(f->family == NVDIMM_FAMILY_PAPR, "family number");
	expect(nd_papr_pdsm_mask == ((1UL << 1) | (1UL << 2)), "PDSM mask %#lx",
	       nd_papr_pdsm_mask);
	papr_payload(b);
	expect(decode(f, b, P_FULL, &s) == 0, "full payload");
	expect(s.flags == (ND_SMART_HEALTH_VALID | ND_SMART_SHUTDOWN_VALID |
			   ND_SMART_USED_VALID | ND_SMART_SHUTDOWN_COUNT_VALID),
	       "flags %#x", s.flags);
	expect(s.health == ND_SMART_CRITICAL_HEALTH, "health %#x", s.health);
	expect(s.shutdown_state == 1, "bad shutdown %u", s.shutdown_state);
	expect(s.life_used == 15, "life used %u", s.life_used);
	expect(s.shutdown_count == 9, "count %u", s.shutdown_count);

	for (i = 0; i < 4; i++) {
		put16(b, P_HEALTH, i);
		decode(f, b, P_FULL, &s);
		expect((s.flags & ND_SMART_HEALTH_VALID) && s.health == state[i],
		       "state %u: %#x", i, s.health);
	}
	put16(b, P_HEALTH, 4);
	decode(f, b, P_FULL, &s);
	expect(!(s.flags & ND_SMART_HEALTH_VALID) && !s.health,
	       "unknown state valid");
	put16(b, P_HEALTH, 0xffff);
	decode(f, b, P_FULL, &s);
	expect(!(s.flags & ND_SMART_HEALTH_VALID), "state 0xffff valid");

	put8(b, P_BAD_SHUTDOWN, 0);
	decode(f, b, P_FULL, &s);
	expect((s.flags & ND_SMART_SHUTDOWN_VALID) && s.shutdown_state == 0,
	       "clean shutdown %u", s.shutdown_state);

	/* the extension flags vouch, one by one */
	papr_payload(b);
	put32(b, P_EXT, 0);
	decode(f, b, P_FULL, &s);
	expect(!(s.flags & (ND_SMART_USED_VALID | ND_SMART_SHUTDOWN_COUNT_VALID)),
	       "extensions without their flags: %#x", s.flags);
	put32(b, P_EXT, 1);
	decode(f, b, P_FULL, &s);
	expect((s.flags & ND_SMART_USED_VALID) &&
		       !(s.flags & ND_SMART_SHUTDOWN_COUNT_VALID),
	       "fuel gauge only: %#x", s.flags);
	put32(b, P_EXT, 2);
	decode(f, b, P_FULL, &s);
	expect(!(s.flags & ND_SMART_USED_VALID) &&
		       (s.flags & ND_SMART_SHUTDOWN_COUNT_VALID),
	       "count only: %#x", s.flags);
	put32(b, P_EXT, 0xfffffffc); /* undefined extensions */
	decode(f, b, P_FULL, &s);
	expect(s.flags == (ND_SMART_HEALTH_VALID | ND_SMART_SHUTDOWN_VALID),
	       "undefined extensions: %#x", s.flags);

	/* fuel gauge edges, a count past 32 bits */
	papr_payload(b);
	put16(b, P_FUEL, 0);
	decode(f, b, P_FULL, &s);
	expect(s.life_used == 100, "empty gauge %u", s.life_used);
	put16(b, P_FUEL, 100);
	decode(f, b, P_FULL, &s);
	expect(s.life_used == 0, "full gauge %u", s.life_used);
	put16(b, P_FUEL, 101);
	decode(f, b, P_FULL, &s);
	expect(!(s.flags & ND_SMART_USED_VALID), "gauge 101 valid");
	put64(b, P_DSC, 1ull << 40);
	decode(f, b, P_FULL, &s);
	expect(s.shutdown_count == UINT_MAX - 1, "huge count %u",
	       s.shutdown_count);
	put64(b, P_DSC, UINT_MAX - 2);
	decode(f, b, P_FULL, &s);
	expect(s.shutdown_count == UINT_MAX - 2, "count %u", s.shutdown_count);

	/* short payloads: the extensions only as far as they reach */
	papr_payload(b);
	for (len = P_HEALTH + 2; len < P_FULL; len++) {
		decode(f, b, len, &s);
		expect(!(s.flags & ND_SMART_USED_VALID) == (len < P_FUEL + 2),
		       "gauge at %zu bytes: %#x", len, s.flags);
		expect(!(s.flags & ND_SMART_SHUTDOWN_COUNT_VALID) ==
			       (len < P_DSC + 8),
		       "count at %zu bytes: %#x", len, s.flags);
	}
	sweep(f, b, P_HEALTH + 2, P_FULL);
	/* the 8-byte header alone is what the kernel returns on failure */
	expect(decode(f, b, 8, &s) == -EINVAL, "header only");
}

static int replay(const char *path)
{
	uint8_t buf[4096];
	size_t n, len;
	FILE *fp = fopen(path, "rb");

	if (!fp) {
		perror(path);
		return 1;
	}
	n = fread(buf, 1, sizeof(buf), fp);
	fclose(fp);
	/* the whole input and every prefix of it */
	for (len = 0; len <= n; len++)
		smart_exercise(buf, len);
	printf("%s: %zu bytes replayed\n", path, n);
	return 0;
}

int main(int argc, char **argv)
{
	int i, rc = 0;

	if (argc > 1) {
		for (i = 1; i < argc; i++)
			rc |= replay(argv[i]);
		return rc;
	}
	test_intel();
	test_intel_threshold();
	test_hpe1();
	test_hpe1_threshold();
	test_msft();
	test_hyperv();
	test_papr();
	free(last_copy);
	if (failures) {
		fprintf(stderr, "%d failures\n", failures);
		return 1;
	}
	printf("smart decoders: all passed\n");
	return 0;
}
