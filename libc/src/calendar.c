/*
 * Broken-down time (see <time.h>): gmtime, localtime (UTC: there are no
 * time zones), their inverses timegm and mktime, asctime, ctime, difftime,
 * strftime and strptime.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static const char* const weekday_names[7] = { "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday" };
static const char* const month_names[12] = { "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December" };
/* Days before the first of each month, in a common year. */
static const short days_before_month[12] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };

static int is_leap(int64_t year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* a / b and a % b rounded towards minus infinity (b > 0). */
static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b < 0);
}

static int64_t floor_mod(int64_t a, int64_t b)
{
    return a - floor_div(a, b) * b;
}

struct tm* gmtime_r(const time_t* t, struct tm* tm)
{
    int64_t days = floor_div(*t, 86400);
    int64_t seconds = floor_mod(*t, 86400);
    tm->tm_hour = (int)(seconds / 3600);
    tm->tm_min = (int)(seconds / 60 % 60);
    tm->tm_sec = (int)(seconds % 60);
    tm->tm_wday = (int)floor_mod(days + 4, 7); /* 1970-01-01 was a Thursday */

    /* Count in 400-year cycles (146097 days) from 2000-03-01, so that a leap day ends each year. */
    int64_t since_march_2000 = days - 11017;
    int64_t cycle = floor_div(since_march_2000, 146097);
    int64_t day_of_cycle = since_march_2000 - cycle * 146097;                                        /* 0..146096 */
    int64_t year_of_cycle = (day_of_cycle - day_of_cycle / 1460 + day_of_cycle / 36524 - day_of_cycle / 146096) / 365; /* 0..399 */
    int64_t day_of_year = day_of_cycle - (365 * year_of_cycle + year_of_cycle / 4 - year_of_cycle / 100); /* from March 1 */
    int64_t month_from_march = (5 * day_of_year + 2) / 153;                                            /* 0..11 */
    int64_t year = 2000 + cycle * 400 + year_of_cycle + (month_from_march >= 10);
    int month = (int)(month_from_march < 10 ? month_from_march + 2 : month_from_march - 10);          /* 0..11 */
    if (year - 1900 > INT_MAX || year - 1900 < INT_MIN) {
        errno = EOVERFLOW;
        return NULL;
    }
    tm->tm_year = (int)(year - 1900);
    tm->tm_mon = month;
    tm->tm_mday = (int)(day_of_year - (153 * month_from_march + 2) / 5 + 1);
    tm->tm_yday = days_before_month[month] + (month >= 2 && is_leap(year)) + tm->tm_mday - 1;
    tm->tm_isdst = 0;
    return tm;
}

struct tm* gmtime(const time_t* t)
{
    static struct tm result;
    return gmtime_r(t, &result);
}

struct tm* localtime_r(const time_t* t, struct tm* tm)
{
    return gmtime_r(t, tm);
}

struct tm* localtime(const time_t* t)
{
    return gmtime(t);
}

/* An output buffer that remembers whether everything fitted. */
struct out {
    char* buf;
    size_t size, used;
    int overflow;
};

static void put(struct out* o, const char* s, size_t n)
{
    if (o->used + n >= o->size) {
        o->overflow = 1;
        return;
    }
    memcpy(o->buf + o->used, s, n);
    o->used += n;
}

static void put_string(struct out* o, const char* s)
{
    put(o, s, strlen(s));
}

/* value in decimal, at least width digits, padded with pad ('0' or ' '). */
static void put_number(struct out* o, long long value, int width, char pad)
{
    char digits[24];
    int n = 0, negative = value < 0;
    unsigned long long v = negative ? 0 - (unsigned long long)value : (unsigned long long)value;
    do
        digits[sizeof(digits) - ++n] = (char)('0' + v % 10);
    while ((v /= 10) && n < 20);
    while (n < width - negative)
        digits[sizeof(digits) - ++n] = pad;
    if (negative)
        digits[sizeof(digits) - ++n] = '-';
    put(o, digits + sizeof(digits) - n, n);
}

static void format(struct out* o, const char* fmt, const struct tm* tm);

static const char* name_or_question(const char* const* names, int index, int count)
{
    return index >= 0 && index < count ? names[index] : "?";
}

static void convert(struct out* o, char c, const struct tm* tm)
{
    switch (c) {
    case 'a': put(o, name_or_question(weekday_names, tm->tm_wday, 7), 3); break;
    case 'A': put_string(o, name_or_question(weekday_names, tm->tm_wday, 7)); break;
    case 'b':
    case 'h': put(o, name_or_question(month_names, tm->tm_mon, 12), 3); break;
    case 'B': put_string(o, name_or_question(month_names, tm->tm_mon, 12)); break;
    case 'c': format(o, "%a %b %e %H:%M:%S %Y", tm); break;
    case 'C': put_number(o, (tm->tm_year + 1900LL) / 100, 2, '0'); break;
    case 'd': put_number(o, tm->tm_mday, 2, '0'); break;
    case 'D': format(o, "%m/%d/%y", tm); break;
    case 'e': put_number(o, tm->tm_mday, 2, ' '); break;
    case 'F': format(o, "%Y-%m-%d", tm); break;
    case 'H': put_number(o, tm->tm_hour, 2, '0'); break;
    case 'I': put_number(o, (tm->tm_hour + 11) % 12 + 1, 2, '0'); break;
    case 'j': put_number(o, tm->tm_yday + 1, 3, '0'); break;
    case 'm': put_number(o, tm->tm_mon + 1, 2, '0'); break;
    case 'M': put_number(o, tm->tm_min, 2, '0'); break;
    case 'n': put(o, "\n", 1); break;
    case 'p': put_string(o, tm->tm_hour < 12 ? "AM" : "PM"); break;
    case 'r': format(o, "%I:%M:%S %p", tm); break;
    case 'R': format(o, "%H:%M", tm); break;
    case 'S': put_number(o, tm->tm_sec, 2, '0'); break;
    case 't': put(o, "\t", 1); break;
    case 'T': format(o, "%H:%M:%S", tm); break;
    case 'u': put_number(o, tm->tm_wday == 0 ? 7 : tm->tm_wday, 1, '0'); break;
    case 'w': put_number(o, tm->tm_wday, 1, '0'); break;
    case 'x': format(o, "%m/%d/%y", tm); break;
    case 'X': format(o, "%H:%M:%S", tm); break;
    case 'y': put_number(o, (tm->tm_year + 1900LL) % 100, 2, '0'); break;
    case 'Y': put_number(o, tm->tm_year + 1900LL, 1, '0'); break;
    case 'z': put_string(o, "+0000"); break;
    case 'Z': put_string(o, "UTC"); break;
    case '%': put(o, "%", 1); break;
    default: /* unknown: copied as is */
        put(o, "%", 1);
        if (c)
            put(o, &c, 1);
    }
}

static void format(struct out* o, const char* fmt, const struct tm* tm)
{
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            put(o, fmt, 1);
            continue;
        }
        convert(o, *++fmt, tm);
        if (!*fmt)
            break;
    }
}

size_t strftime(char* buf, size_t size, const char* fmt, const struct tm* tm)
{
    struct out o = { buf, size, 0, 0 };
    format(&o, fmt, tm);
    if (o.overflow || size == 0)
        return 0;
    buf[o.used] = '\0';
    return o.used;
}

/* Days from 1970-01-01 to year-month-01 (month 0..11), proleptic Gregorian. */
static int64_t days_from_civil(int64_t year, int month)
{
    year -= month < 2;
    int64_t era = floor_div(year, 400);
    int64_t year_of_era = year - era * 400;
    int64_t day_of_year = (153 * (month < 2 ? month + 10 : month - 2) + 2) / 5;
    int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

time_t timegm(struct tm* tm)
{
    int64_t month = floor_mod(tm->tm_mon, 12);
    int64_t year = 1900LL + tm->tm_year + floor_div(tm->tm_mon, 12);
    int64_t days = days_from_civil(year, (int)month) + tm->tm_mday - 1;
    time_t t = days * 86400 + tm->tm_hour * 3600LL + tm->tm_min * 60LL + tm->tm_sec;
    struct tm normalized;
    if (!gmtime_r(&t, &normalized))
        return (time_t)-1;
    *tm = normalized;
    return t;
}

time_t mktime(struct tm* tm)
{
    return timegm(tm);
}

char* asctime_r(const struct tm* tm, char* buf)
{
    snprintf(buf, 26, "%.3s %.3s%3d %.2d:%.2d:%.2d %d\n", name_or_question(weekday_names, tm->tm_wday, 7),
        name_or_question(month_names, tm->tm_mon, 12), tm->tm_mday, tm->tm_hour, tm->tm_min, tm->tm_sec,
        1900 + tm->tm_year);
    return buf;
}

char* asctime(const struct tm* tm)
{
    static char text[26];
    return asctime_r(tm, text);
}

char* ctime_r(const time_t* t, char* buf)
{
    struct tm tm;
    return localtime_r(t, &tm) ? asctime_r(&tm, buf) : NULL;
}

char* ctime(const time_t* t)
{
    struct tm* tm = localtime(t);
    return tm ? asctime(tm) : NULL;
}

double difftime(time_t end, time_t start)
{
    return (double)(end - start);
}

/* What strptime has read that only makes sense once the whole input is in. */
struct parsed {
    int hour12; /* %I read: 1..12, else 0 */
    int pm;     /* %p read PM */
};

/* A number of at most digits digits within [low, high] at *s (*s advanced); 0 if none. */
static int parse_number(const char** s, int digits, int low, int high, int* out)
{
    const char* p = *s;
    int negative = (*p == '-' || *p == '+') && low < 0 ? *p++ == '-' : 0;
    int value = 0, count = 0;
    for (; count < digits && *p >= '0' && *p <= '9'; count++)
        value = value * 10 + (*p++ - '0');
    value = negative ? -value : value;
    if (count == 0 || value < low || value > high)
        return 0;
    *out = value;
    *s = p;
    return 1;
}

/* A full or three-letter name of names (any case) at *s: its index, or -1. */
static int parse_name(const char** s, const char* const* names, int count)
{
    for (int i = 0; i < count; i++) {
        size_t full = strlen(names[i]);
        size_t length = strncasecmp(*s, names[i], full) == 0 ? full : strncasecmp(*s, names[i], 3) == 0 ? 3 : 0;
        if (length) {
            *s += length;
            return i;
        }
    }
    return -1;
}

static const char* parse_format(const char* s, const char* fmt, struct tm* tm, struct parsed* parsed);

/* One conversion c at s: the rest of s, or NULL when it does not match. */
static const char* parse_conversion(const char* s, char c, struct tm* tm, struct parsed* parsed)
{
    int value;
    switch (c) {
    case 'a':
    case 'A':
        return (tm->tm_wday = parse_name(&s, weekday_names, 7)) < 0 ? NULL : s;
    case 'b':
    case 'B':
    case 'h':
        return (tm->tm_mon = parse_name(&s, month_names, 12)) < 0 ? NULL : s;
    case 'c': return parse_format(s, "%a %b %e %H:%M:%S %Y", tm, parsed);
    case 'D':
    case 'x': return parse_format(s, "%m/%d/%y", tm, parsed);
    case 'F': return parse_format(s, "%Y-%m-%d", tm, parsed);
    case 'r': return parse_format(s, "%I:%M:%S %p", tm, parsed);
    case 'R': return parse_format(s, "%H:%M", tm, parsed);
    case 'T':
    case 'X': return parse_format(s, "%H:%M:%S", tm, parsed);
    case 'd':
    case 'e':
        while (*s == ' ')
            s++;
        return parse_number(&s, 2, 1, 31, &tm->tm_mday) ? s : NULL;
    case 'H': return parse_number(&s, 2, 0, 23, &tm->tm_hour) ? s : NULL;
    case 'I': return parse_number(&s, 2, 1, 12, &parsed->hour12) ? s : NULL;
    case 'j':
        if (!parse_number(&s, 3, 1, 366, &value))
            return NULL;
        tm->tm_yday = value - 1;
        return s;
    case 'm':
        if (!parse_number(&s, 2, 1, 12, &value))
            return NULL;
        tm->tm_mon = value - 1;
        return s;
    case 'M': return parse_number(&s, 2, 0, 59, &tm->tm_min) ? s : NULL;
    case 'S': return parse_number(&s, 2, 0, 60, &tm->tm_sec) ? s : NULL;
    case 'w': return parse_number(&s, 1, 0, 6, &tm->tm_wday) ? s : NULL;
    case 'y':
        if (!parse_number(&s, 2, 0, 99, &value))
            return NULL;
        tm->tm_year = value < 69 ? value + 100 : value; /* POSIX: 69-99 are 19xx, 00-68 20xx */
        return s;
    case 'Y':
        if (!parse_number(&s, 9, -99999999, 999999999, &value))
            return NULL;
        tm->tm_year = value - 1900;
        return s;
    case 'p':
        if (strncasecmp(s, "AM", 2) != 0 && strncasecmp(s, "PM", 2) != 0)
            return NULL;
        parsed->pm = (s[0] == 'P' || s[0] == 'p');
        return s + 2;
    case 'n':
    case 't':
        while (isspace((unsigned char)*s))
            s++;
        return s;
    case '%': return *s == '%' ? s + 1 : NULL;
    default: return NULL;
    }
}

static const char* parse_format(const char* s, const char* fmt, struct tm* tm, struct parsed* parsed)
{
    for (; s && *fmt; fmt++) {
        if (isspace((unsigned char)*fmt)) {
            while (isspace((unsigned char)*s))
                s++;
        } else if (*fmt != '%') {
            s = *s == *fmt ? s + 1 : NULL;
        } else if (!*++fmt) {
            return NULL;
        } else {
            s = parse_conversion(s, *fmt, tm, parsed);
        }
    }
    return s;
}

char* strptime(const char* s, const char* fmt, struct tm* tm)
{
    struct parsed parsed = { 0, 0 };
    s = parse_format(s, fmt, tm, &parsed);
    if (s && parsed.hour12)
        tm->tm_hour = parsed.hour12 % 12 + (parsed.pm ? 12 : 0);
    else if (s && parsed.pm && tm->tm_hour < 12)
        tm->tm_hour += 12;
    return (char*)s;
}
