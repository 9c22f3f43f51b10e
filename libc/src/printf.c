/*
 * The printf engine (see <stdio.h> for what it supports) and the printf
 * family entry points. Output goes to a sink: a bounded string, a FILE
 * (stdio.c) or an fd through a stack buffer. asprintf is in asprintf.c.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "stdio_impl.h"

enum sink_kind { SINK_STRING, SINK_FILE, SINK_FD };

struct sink {
    enum sink_kind kind;
    char* buf;
    size_t size; /* capacity of buf */
    size_t used; /* characters in buf */
    FILE* file;
    int fd;
    int newline; /* a '\n' went to the FILE */
    int error;
    size_t total; /* characters produced so far */
};

static void fd_flush(struct sink* s)
{
    size_t done = 0;
    while (done < s->used) {
        ssize_t n = write(s->fd, s->buf + done, s->used - done);
        if (n <= 0) {
            s->error = 1;
            break;
        }
        done += n;
    }
    s->used = 0;
}

static void sink_write(struct sink* s, const char* data, size_t n)
{
    if (n == 0)
        return;
    s->total += n;
    switch (s->kind) {
    case SINK_STRING: {
        if (s->size == 0)
            return;
        size_t room = s->size - 1 - s->used; /* keep room for the NUL */
        size_t k = n < room ? n : room;
        memcpy(s->buf + s->used, data, k);
        s->used += k;
        return;
    }
    case SINK_FILE:
        if (memchr(data, '\n', n))
            s->newline = 1;
        if (__stdio_put(s->file, data, n) < n)
            s->error = 1;
        return;
    case SINK_FD:
        while (n) {
            if (s->used == s->size)
                fd_flush(s);
            size_t k = s->size - s->used < n ? s->size - s->used : n;
            memcpy(s->buf + s->used, data, k);
            s->used += k;
            data += k;
            n -= k;
        }
        return;
    }
}

static void sink_repeat(struct sink* s, char c, int count)
{
    char block[32];
    if (count <= 0)
        return;
    memset(block, c, sizeof(block));
    while (count > 0) {
        int k = count < (int)sizeof(block) ? count : (int)sizeof(block);
        sink_write(s, block, k);
        count -= k;
    }
}

struct spec {
    int left, plus, space, alt, zero;
    int width;
    int precision; /* -1: none */
    char conversion;
};

/* Sign or 0x prefix, zeros, then the digits; padded to the width. */
static void emit_number(struct sink* s, const struct spec* sp, const char* prefix, const char* digits, int digit_count,
    int zeros)
{
    int prefix_length = (int)strlen(prefix);
    int length = prefix_length + zeros + digit_count;
    if (sp->zero && !sp->left && length < sp->width) {
        zeros += sp->width - length;
        length = sp->width;
    }
    if (!sp->left)
        sink_repeat(s, ' ', sp->width - length);
    sink_write(s, prefix, prefix_length);
    sink_repeat(s, '0', zeros);
    sink_write(s, digits, digit_count);
    if (sp->left)
        sink_repeat(s, ' ', sp->width - length);
}

static void format_integer(struct sink* s, struct spec sp, uintmax_t value, int negative)
{
    char c = sp.conversion;
    unsigned base = (c == 'o') ? 8 : (c == 'x' || c == 'X' || c == 'p') ? 16 : 10;
    const char* digit_chars = c == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
    char buf[24];
    int n = 0;
    uintmax_t original = value;
    if (!(value == 0 && sp.precision == 0)) {
        while (value > UINT32_MAX) {
            buf[sizeof(buf) - 1 - n++] = digit_chars[value % base];
            value /= base;
        }
        uint32_t small = (uint32_t)value;
        do {
            buf[sizeof(buf) - 1 - n++] = digit_chars[small % base];
            small /= base;
        } while (small);
    }
    const char* digits = buf + sizeof(buf) - n;
    int zeros = sp.precision > n ? sp.precision - n : 0;
    if (c == 'o' && sp.alt && zeros == 0 && (n == 0 || digits[0] != '0'))
        zeros = 1;
    const char* prefix = "";
    if (c == 'd' || c == 'i')
        prefix = negative ? "-" : sp.plus ? "+" : sp.space ? " " : "";
    else if (c == 'p' || (sp.alt && original != 0 && c == 'x'))
        prefix = "0x";
    else if (sp.alt && original != 0 && c == 'X')
        prefix = "0X";
    if (sp.precision >= 0)
        sp.zero = 0;
    emit_number(s, &sp, prefix, digits, n, zeros);
}

static void format_string(struct sink* s, const struct spec* sp, const char* str, size_t length)
{
    int pad = sp->width - (int)length;
    if (!sp->left)
        sink_repeat(s, ' ', pad);
    sink_write(s, str, length);
    if (sp->left)
        sink_repeat(s, ' ', pad);
}

/*
 * Floating point, exactly: a double is m * 2^e2 with an integer m, so its
 * decimal expansion is finite. It is computed with a big integer in base
 * 10^9 (m * 2^e2, or m * 5^-e2 shifted by -e2 decimal places) and rounded in
 * decimal, half to even on exact ties, like glibc. At most 767 significant
 * digits exist (the smallest subnormal).
 */
#define DECIMAL_DIGITS 800
#define BIG_LIMBS 96 /* 96 * 9 digits */

struct decimal {
    char d[DECIMAL_DIGITS]; /* significant digits, d[0] != '0' unless zero */
    int count;
    int e;    /* exponent of d[0] */
    int zero; /* the value is 0 */
};

struct big {
    uint32_t limb[BIG_LIMBS]; /* little-endian, base 10^9 */
    int count;
};

static void big_multiply(struct big* b, uint32_t factor)
{
    uint64_t carry = 0;
    for (int i = 0; i < b->count; i++) {
        uint64_t v = (uint64_t)b->limb[i] * factor + carry;
        b->limb[i] = (uint32_t)(v % 1000000000u);
        carry = v / 1000000000u;
    }
    while (carry) {
        b->limb[b->count++] = (uint32_t)(carry % 1000000000u);
        carry /= 1000000000u;
    }
}

static void decimal_from_double(double x, struct decimal* out)
{
    union {
        double d;
        uint64_t bits;
    } u = { x };
    int exponent_bits = (int)((u.bits >> 52) & 0x7ff);
    uint64_t m = u.bits & 0xfffffffffffffULL;
    int e2;
    if (exponent_bits) {
        m |= 1ULL << 52;
        e2 = exponent_bits - 1075;
    } else {
        e2 = -1074;
    }
    out->zero = m == 0;
    out->e = 0;
    out->count = 0;
    if (out->zero)
        return;
    struct big b;
    b.count = 0;
    while (m) {
        b.limb[b.count++] = (uint32_t)(m % 1000000000u);
        m /= 1000000000u;
    }
    int shift = 0; /* decimal places to move the point left */
    if (e2 > 0) {
        for (int k = e2; k > 0; k -= 29)
            big_multiply(&b, 1u << (k < 29 ? k : 29));
    } else if (e2 < 0) {
        for (int k = -e2; k > 0; k -= 13) {
            uint32_t factor = 1;
            for (int i = 0; i < (k < 13 ? k : 13); i++)
                factor *= 5;
            big_multiply(&b, factor);
        }
        shift = -e2;
    }
    /* Digits, most significant first. */
    int n = 0;
    char text[10];
    for (int i = b.count - 1; i >= 0; i--) {
        uint32_t limb = b.limb[i];
        for (int j = 8; j >= 0; j--) {
            text[j] = (char)('0' + limb % 10);
            limb /= 10;
        }
        int j = 0;
        if (i == b.count - 1)
            while (j < 8 && text[j] == '0')
                j++;
        for (; j < 9; j++)
            out->d[n++] = text[j];
    }
    out->count = n;
    out->e = n - 1 - shift;
    while (out->count > 1 && out->d[out->count - 1] == '0')
        out->count--;
}

/* The digit of weight 10^(e - i). */
static char decimal_digit(const struct decimal* v, int i)
{
    return !v->zero && i >= 0 && i < v->count ? v->d[i] : '0';
}

/* Rounds to keep significant digits: half to even on an exact tie, else to nearest. */
static void decimal_round(struct decimal* v, int keep)
{
    if (v->zero || keep >= v->count)
        return;
    if (keep < 0) {
        v->zero = 1;
        return;
    }
    int up;
    if (v->d[keep] != '5')
        up = v->d[keep] > '5';
    else if (keep + 1 < v->count)
        up = 1; /* more nonzero digits follow (trailing zeros were trimmed) */
    else
        up = keep > 0 && ((v->d[keep - 1] - '0') & 1);
    v->count = keep;
    for (int i = keep - 1; up && i >= 0; i--) {
        if (v->d[i] == '9') {
            v->count = i; /* the digit becomes a trailing 0 */
        } else {
            v->d[i]++;
            up = 0;
        }
    }
    if (up) { /* 99..9 rounded up, or nothing kept */
        v->d[0] = '1';
        v->count = 1;
        v->e++;
    } else if (v->count == 0) {
        v->zero = 1;
    }
}

/* Writes n bytes of p to s unless s is NULL (the bodies below also count); returns n. */
static size_t body_write(struct sink* s, const char* p, size_t n)
{
    if (s)
        sink_write(s, p, n);
    return n;
}

/* Writes digit i of v; returns 1. */
static size_t body_digit(struct sink* s, const struct decimal* v, int i)
{
    char c = decimal_digit(v, i);
    return body_write(s, &c, 1);
}

/* The body of %f (no sign); s NULL only counts. */
static size_t fixed_body(struct sink* s, const struct decimal* v, int precision, int alt)
{
    size_t length = 0;
    if (v->zero || v->e < 0)
        length += body_write(s, "0", 1);
    else
        for (int i = 0; i <= v->e; i++)
            length += body_digit(s, v, i);
    if (precision > 0 || alt)
        length += body_write(s, ".", 1);
    for (int j = 0; j < precision; j++)
        length += v->zero ? body_write(s, "0", 1) : body_digit(s, v, v->e + 1 + j);
    return length;
}

/* The body of %e (no sign); s NULL only counts. */
static size_t exponent_body(struct sink* s, const struct decimal* v, int precision, int alt, int upper)
{
    char text[8];
    size_t length = body_digit(s, v, 0);
    if (precision > 0 || alt)
        length += body_write(s, ".", 1);
    for (int j = 1; j <= precision; j++)
        length += body_digit(s, v, j);
    int e = v->zero ? 0 : v->e;
    int n = 0;
    text[n++] = upper ? 'E' : 'e';
    text[n++] = e < 0 ? '-' : '+';
    unsigned magnitude = e < 0 ? -e : e;
    if (magnitude >= 100)
        text[n++] = (char)('0' + magnitude / 100);
    text[n++] = (char)('0' + magnitude / 10 % 10);
    text[n++] = (char)('0' + magnitude % 10);
    return length + body_write(s, text, (size_t)n);
}

static void format_double(struct sink* s, struct spec sp, double value)
{
    char c = sp.conversion;
    int upper = c == 'F' || c == 'E' || c == 'G' || c == 'A';
    union {
        double d;
        uint64_t bits;
    } u = { value };
    int negative = (int)(u.bits >> 63);
    const char* sign = negative ? "-" : sp.plus ? "+" : sp.space ? " " : "";
    int sign_length = (int)strlen(sign);
    if (value != value || value - value != 0) { /* NaN, or infinity */
        const char* text = value != value ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");
        sp.zero = 0;
        emit_number(s, &sp, sign, text, 3, 0);
        return;
    }
    if (negative)
        value = -value;
    int precision = sp.precision < 0 ? 6 : sp.precision;
    struct decimal v;
    decimal_from_double(value, &v);
    int exponent_form;
    if (c == 'f' || c == 'F') {
        decimal_round(&v, v.e + 1 + precision);
        exponent_form = 0;
    } else if (c == 'e' || c == 'E') {
        decimal_round(&v, precision + 1);
        exponent_form = 1;
    } else { /* g, G (and a, A, printed as g) */
        int significant = precision == 0 ? 1 : precision;
        decimal_round(&v, significant);
        int x = v.zero ? 0 : v.e;
        exponent_form = !(x < significant && x >= -4);
        precision = exponent_form ? significant - 1 : significant - 1 - x;
        if (!sp.alt) { /* drop trailing zeros of the fraction */
            while (precision > 0) {
                int index = exponent_form ? precision : x + precision;
                if (!v.zero && decimal_digit(&v, index) != '0')
                    break;
                precision--;
            }
        }
    }
    size_t body = exponent_form ? exponent_body(NULL, &v, precision, sp.alt, upper)
                                : fixed_body(NULL, &v, precision, sp.alt);
    int length = sign_length + (int)body;
    int pad = sp.width > length ? sp.width - length : 0;
    if (!sp.left && !sp.zero)
        sink_repeat(s, ' ', pad);
    sink_write(s, sign, sign_length);
    if (!sp.left && sp.zero)
        sink_repeat(s, '0', pad);
    if (exponent_form)
        exponent_body(s, &v, precision, sp.alt, upper);
    else
        fixed_body(s, &v, precision, sp.alt);
    if (sp.left)
        sink_repeat(s, ' ', pad);
}

enum length_modifier { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_J, LEN_Z, LEN_T, LEN_BIG_L };

static void format(struct sink* s, const char* fmt, va_list ap)
{
    while (*fmt) {
        if (*fmt != '%') {
            const char* start = fmt;
            while (*fmt && *fmt != '%')
                fmt++;
            sink_write(s, start, fmt - start);
            continue;
        }
        const char* directive = fmt++;
        struct spec sp = { 0, 0, 0, 0, 0, 0, -1, 0 };
        for (;; fmt++) {
            if (*fmt == '-')
                sp.left = 1;
            else if (*fmt == '+')
                sp.plus = 1;
            else if (*fmt == ' ')
                sp.space = 1;
            else if (*fmt == '#')
                sp.alt = 1;
            else if (*fmt == '0')
                sp.zero = 1;
            else
                break;
        }
        if (*fmt == '*') {
            sp.width = va_arg(ap, int);
            if (sp.width < 0) {
                sp.left = 1;
                sp.width = sp.width == INT_MIN ? INT_MAX : -sp.width;
            }
            fmt++;
        } else {
            while (*fmt >= '0' && *fmt <= '9')
                sp.width = sp.width * 10 + (*fmt++ - '0');
        }
        if (*fmt == '.') {
            fmt++;
            sp.precision = 0;
            if (*fmt == '*') {
                sp.precision = va_arg(ap, int);
                if (sp.precision < 0)
                    sp.precision = -1;
                fmt++;
            } else {
                while (*fmt >= '0' && *fmt <= '9')
                    sp.precision = sp.precision * 10 + (*fmt++ - '0');
            }
        }
        enum length_modifier length = LEN_NONE;
        switch (*fmt) {
        case 'h':
            length = fmt[1] == 'h' ? LEN_HH : LEN_H;
            fmt += length == LEN_HH ? 2 : 1;
            break;
        case 'l':
            length = fmt[1] == 'l' ? LEN_LL : LEN_L;
            fmt += length == LEN_LL ? 2 : 1;
            break;
        case 'q':
            length = LEN_LL;
            fmt++;
            break;
        case 'j':
            length = LEN_J;
            fmt++;
            break;
        case 'z':
            length = LEN_Z;
            fmt++;
            break;
        case 't':
            length = LEN_T;
            fmt++;
            break;
        case 'L':
            length = LEN_BIG_L;
            fmt++;
            break;
        }
        if (sp.left)
            sp.zero = 0;
        if (sp.plus)
            sp.space = 0;
        sp.conversion = *fmt;
        switch (*fmt) {
        case 'd':
        case 'i': {
            intmax_t v;
            if (length == LEN_LL || length == LEN_J)
                v = va_arg(ap, long long);
            else if (length == LEN_L)
                v = va_arg(ap, long);
            else
                v = va_arg(ap, int); /* int, size_t and ptrdiff_t are all 32 bits */
            if (length == LEN_HH)
                v = (signed char)v;
            else if (length == LEN_H)
                v = (short)v;
            uintmax_t magnitude = v < 0 ? -(uintmax_t)v : (uintmax_t)v;
            format_integer(s, sp, magnitude, v < 0);
            break;
        }
        case 'u':
        case 'o':
        case 'x':
        case 'X': {
            uintmax_t v;
            if (length == LEN_LL || length == LEN_J)
                v = va_arg(ap, unsigned long long);
            else if (length == LEN_L)
                v = va_arg(ap, unsigned long);
            else
                v = va_arg(ap, unsigned int);
            if (length == LEN_HH)
                v = (unsigned char)v;
            else if (length == LEN_H)
                v = (unsigned short)v;
            format_integer(s, sp, v, 0);
            break;
        }
        case 'p':
            sp.alt = 0;
            format_integer(s, sp, (uintptr_t)va_arg(ap, void*), 0);
            break;
        case 'c': {
            char ch = (char)va_arg(ap, int);
            format_string(s, &sp, &ch, 1);
            break;
        }
        case 's': {
            const char* str = va_arg(ap, const char*);
            if (!str)
                str = "(null)";
            size_t n = sp.precision >= 0 ? strnlen(str, sp.precision) : strlen(str);
            format_string(s, &sp, str, n);
            break;
        }
        case 'f':
        case 'F':
        case 'e':
        case 'E':
        case 'g':
        case 'G':
        case 'a':
        case 'A': {
            double v = length == LEN_BIG_L ? (double)va_arg(ap, long double) : va_arg(ap, double);
            format_double(s, sp, v);
            break;
        }
        case 'n': {
            void* target = va_arg(ap, void*);
            if (length == LEN_HH)
                *(signed char*)target = (signed char)s->total;
            else if (length == LEN_H)
                *(short*)target = (short)s->total;
            else if (length == LEN_LL || length == LEN_J)
                *(long long*)target = (long long)s->total;
            else
                *(int*)target = (int)s->total;
            break;
        }
        case '%':
            sink_write(s, "%", 1);
            break;
        case '\0':
            sink_write(s, directive, fmt - directive);
            return;
        default: /* unknown conversion: printed as written */
            sink_write(s, directive, fmt + 1 - directive);
            break;
        }
        fmt++;
    }
}

static int result(const struct sink* s)
{
    if (s->error)
        return -1;
    if (s->total > INT_MAX) {
        errno = EOVERFLOW;
        return -1;
    }
    return (int)s->total;
}

int vsnprintf(char* buf, size_t size, const char* fmt, va_list ap)
{
    struct sink s = { SINK_STRING, buf, size, 0, NULL, -1, 0, 0, 0 };
    format(&s, fmt, ap);
    if (size)
        buf[s.used] = '\0';
    return result(&s);
}

int snprintf(char* buf, size_t size, const char* fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

int vsprintf(char* buf, const char* fmt, va_list ap)
{
    return vsnprintf(buf, INT_MAX, fmt, ap);
}

int sprintf(char* buf, const char* fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, INT_MAX, fmt, ap);
    va_end(ap);
    return n;
}

int vdprintf(int fd, const char* fmt, va_list ap)
{
    char buf[512];
    struct sink s = { SINK_FD, buf, sizeof(buf), 0, NULL, fd, 0, 0, 0 };
    format(&s, fmt, ap);
    fd_flush(&s);
    return result(&s);
}

int dprintf(int fd, const char* fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vdprintf(fd, fmt, ap);
    va_end(ap);
    return n;
}

int vfprintf(FILE* stream, const char* fmt, va_list ap)
{
    if (__stdio_begin_write(stream) == EOF)
        return -1;
    struct sink s = { SINK_FILE, NULL, 0, 0, stream, -1, 0, 0, 0 };
    format(&s, fmt, ap);
    if (__stdio_end_write(stream, s.newline) == EOF)
        s.error = 1;
    return result(&s);
}

int fprintf(FILE* stream, const char* fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vfprintf(stream, fmt, ap);
    va_end(ap);
    return n;
}

int vprintf(const char* fmt, va_list ap)
{
    return vfprintf(stdout, fmt, ap);
}

int printf(const char* fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vfprintf(stdout, fmt, ap);
    va_end(ap);
    return n;
}
