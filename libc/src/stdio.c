/* Formatted output (see <stdio.h> for what is supported). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Where formatted characters go: a bounded string, or a buffer flushed to an fd. */
struct sink {
    char* buf;
    size_t size;  /* capacity of buf */
    size_t used;  /* characters in buf */
    size_t total; /* characters produced so far */
    int fd;       /* -1 for a string sink */
    int error;
};

static void sink_flush(struct sink* s)
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

static void sink_put(struct sink* s, char c)
{
    s->total++;
    if (s->fd < 0) {
        if (s->used + 1 < s->size) /* keep room for the NUL */
            s->buf[s->used++] = c;
        return;
    }
    if (s->used == s->size)
        sink_flush(s);
    s->buf[s->used++] = c;
}

static void put_padding(struct sink* s, char c, int count)
{
    while (count-- > 0)
        sink_put(s, c);
}

/* One field: prefix (sign or 0x) and body, padded to width. */
static void put_field(struct sink* s, const char* prefix, const char* body, size_t body_len, int width, int left, int zero)
{
    size_t prefix_len = strlen(prefix);
    int pad = width - (int)(prefix_len + body_len);
    if (!left && !zero)
        put_padding(s, ' ', pad);
    for (size_t i = 0; i < prefix_len; i++)
        sink_put(s, prefix[i]);
    if (!left && zero)
        put_padding(s, '0', pad);
    for (size_t i = 0; i < body_len; i++)
        sink_put(s, body[i]);
    if (left)
        put_padding(s, ' ', pad);
}

static size_t utoa(char* out, uint32_t value, unsigned base, int upper)
{
    const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[12];
    size_t n = 0;
    do {
        tmp[n++] = digits[value % base];
        value /= base;
    } while (value);
    for (size_t i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    return n;
}

static void format(struct sink* s, const char* fmt, va_list ap)
{
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            sink_put(s, *fmt);
            continue;
        }
        fmt++;
        int left = 0, zero = 0, width = 0, precision = -1;
        for (;; fmt++) {
            if (*fmt == '-')
                left = 1;
            else if (*fmt == '0')
                zero = 1;
            else
                break;
        }
        if (*fmt == '*') {
            width = va_arg(ap, int);
            if (width < 0) {
                left = 1;
                width = -width;
            }
            fmt++;
        } else {
            while (*fmt >= '0' && *fmt <= '9')
                width = width * 10 + (*fmt++ - '0');
        }
        if (*fmt == '.') {
            fmt++;
            precision = 0;
            if (*fmt == '*') {
                precision = va_arg(ap, int);
                fmt++;
            } else {
                while (*fmt >= '0' && *fmt <= '9')
                    precision = precision * 10 + (*fmt++ - '0');
            }
        }
        while (*fmt == 'l' || *fmt == 'z' || *fmt == 'h')
            fmt++; /* int, long and size_t are all 32 bits here */

        char body[12];
        size_t len;
        switch (*fmt) {
        case 'd':
        case 'i': {
            int v = va_arg(ap, int);
            uint32_t magnitude = v < 0 ? -(uint32_t)v : (uint32_t)v;
            len = utoa(body, magnitude, 10, 0);
            put_field(s, v < 0 ? "-" : "", body, len, width, left, zero);
            break;
        }
        case 'u':
            len = utoa(body, va_arg(ap, uint32_t), 10, 0);
            put_field(s, "", body, len, width, left, zero);
            break;
        case 'x':
        case 'X':
            len = utoa(body, va_arg(ap, uint32_t), 16, *fmt == 'X');
            put_field(s, "", body, len, width, left, zero);
            break;
        case 'o':
            len = utoa(body, va_arg(ap, uint32_t), 8, 0);
            put_field(s, "", body, len, width, left, zero);
            break;
        case 'p':
            len = utoa(body, (uint32_t)(uintptr_t)va_arg(ap, void*), 16, 0);
            put_field(s, "0x", body, len, width, left, zero);
            break;
        case 'c':
            body[0] = (char)va_arg(ap, int);
            put_field(s, "", body, 1, width, left, 0);
            break;
        case 's': {
            const char* str = va_arg(ap, const char*);
            if (!str)
                str = "(null)";
            len = precision >= 0 ? strnlen(str, precision) : strlen(str);
            put_field(s, "", str, len, width, left, 0);
            break;
        }
        case '%':
            sink_put(s, '%');
            break;
        case '\0':
            return;
        default: /* unknown conversion: print it as is */
            sink_put(s, '%');
            sink_put(s, *fmt);
            break;
        }
    }
}

int vsnprintf(char* buf, size_t size, const char* fmt, va_list ap)
{
    struct sink s = { buf, size, 0, 0, -1, 0 };
    format(&s, fmt, ap);
    if (size)
        buf[s.used] = '\0';
    return (int)s.total;
}

int snprintf(char* buf, size_t size, const char* fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

int vdprintf(int fd, const char* fmt, va_list ap)
{
    char buf[512];
    struct sink s = { buf, sizeof(buf), 0, 0, fd, 0 };
    format(&s, fmt, ap);
    sink_flush(&s);
    return s.error ? -1 : (int)s.total;
}

int dprintf(int fd, const char* fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vdprintf(fd, fmt, ap);
    va_end(ap);
    return n;
}

int vprintf(const char* fmt, va_list ap)
{
    return vdprintf(STDOUT_FILENO, fmt, ap);
}

int printf(const char* fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vdprintf(STDOUT_FILENO, fmt, ap);
    va_end(ap);
    return n;
}

int putchar(int c)
{
    char ch = (char)c;
    return write(STDOUT_FILENO, &ch, 1) == 1 ? (unsigned char)ch : EOF;
}

int puts(const char* s)
{
    return printf("%s\n", s) < 0 ? EOF : 1;
}
