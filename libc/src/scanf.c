/*
 * The scanf family: sscanf, vsscanf, fscanf, vfscanf, scanf, vscanf.
 * Conversions d i u o x X p f e g E G a s c [...] n %, with
 * '*' (assignment suppression), a field width and the length modifiers
 * hh h l ll j z t L. The result is the number of assigned conversions, or
 * EOF when none was assigned and a directive failed for want of input (as
 * glibc and musl count: a suppressed conversion assigns nothing).
 * Numbers are gathered into a buffer by their grammar and converted with
 * strtoll, strtoull and strtold. From a stream at most one character is
 * pushed back (ungetc), so a number that is not one after all ("1e+" then
 * a letter) leaves the characters it read consumed, as in most libcs.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NUMBER_MAX 128 /* the longest number field gathered; longer fields are cut */

struct input {
    const char* string; /* the source of sscanf, or NULL */
    FILE* stream;       /* the source of fscanf */
    size_t consumed;    /* for %n */
    int ended;          /* EOF was met */
};

static int next_char(struct input* in)
{
    int c = in->string ? (*in->string ? (unsigned char)*in->string++ : EOF) : fgetc(in->stream);
    if (c == EOF)
        in->ended = 1;
    else
        in->consumed++;
    return c;
}

static void push_back(struct input* in, int c)
{
    if (c == EOF)
        return;
    in->consumed--;
    if (in->string)
        in->string--;
    else
        ungetc(c, in->stream);
}

static void skip_space(struct input* in)
{
    int c;
    while ((c = next_char(in)) != EOF && isspace(c))
        ;
    push_back(in, c);
}

/* Field accumulation for a number: up to width characters (0: unlimited) kept in text. */
struct field {
    char text[NUMBER_MAX];
    size_t length;
    size_t width;
    struct input* in;
    int c; /* the lookahead character */
};

static void field_start(struct field* f, struct input* in, size_t width)
{
    f->length = 0;
    f->width = width ? width : (size_t)-1;
    f->in = in;
    f->c = next_char(in);
}

/* 1 and takes the lookahead when it is in set (and the width allows), else 0. */
static int field_take(struct field* f, const char* set)
{
    if (f->c == EOF || f->c == '\0' || !strchr(set, f->c))
        return 0;
    if (f->length < NUMBER_MAX - 1)
        f->text[f->length] = (char)f->c;
    f->length++;
    f->c = f->length < f->width ? next_char(f->in) : EOF; /* a full field reads no further */
    return 1;
}

/* Pushes the unused lookahead back and NUL-terminates text; the field's length. */
static size_t field_end(struct field* f)
{
    if (f->length < f->width)
        push_back(f->in, f->c);
    f->text[f->length < NUMBER_MAX ? f->length : NUMBER_MAX - 1] = '\0';
    return f->length;
}

static const char* digits_of(int base)
{
    return base == 8 ? "01234567" : base == 16 ? "0123456789abcdefABCDEF" : "0123456789";
}

/* An integer field of base (0: by its prefix, as %i) into f->text; its base, or -1 for no digits. */
static int gather_integer(struct field* f, int base)
{
    field_take(f, "+-");
    int digits = 0;
    if ((base == 0 || base == 16) && field_take(f, "0")) {
        digits = 1; /* "0x" alone is the number 0 */
        if (field_take(f, "xX"))
            base = 16;
        else if (base == 0)
            base = 8;
    }
    if (base == 0)
        base = 10;
    while (field_take(f, digits_of(base)))
        digits++;
    field_end(f);
    return digits ? base : -1;
}

/* A floating-point field into f->text; 1 when it holds a number. */
static int gather_float(struct field* f)
{
    field_take(f, "+-");
    if (f->c == 'i' || f->c == 'I' || f->c == 'n' || f->c == 'N') {
        while (field_take(f, "infinityINFINITYaA"))
            ;
        field_end(f);
        char* end;
        strtold(f->text, &end);
        return *end == '\0' && end != f->text;
    }
    const char* digits = "0123456789";
    const char* exponent = "eE";
    size_t start = f->length;
    if (field_take(f, "0") && field_take(f, "xX")) {
        digits = "0123456789abcdefABCDEF";
        exponent = "pP";
    }
    while (field_take(f, digits))
        ;
    if (field_take(f, "."))
        while (field_take(f, digits))
            ;
    if (f->length > start && field_take(f, exponent)) {
        field_take(f, "+-");
        while (field_take(f, "0123456789"))
            ;
    }
    field_end(f);
    char* end;
    strtold(f->text, &end);
    return end != f->text;
}

enum { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_BIG_L, LEN_SIZE, LEN_PTRDIFF };

static int parse_length(const char** p)
{
    const char* f = *p;
    int length = LEN_NONE;
    if (f[0] == 'h' && f[1] == 'h')
        length = LEN_HH, f += 2;
    else if (f[0] == 'l' && f[1] == 'l')
        length = LEN_LL, f += 2;
    else if (*f == 'h')
        length = LEN_H, f++;
    else if (*f == 'l')
        length = LEN_L, f++;
    else if (*f == 'j' || *f == 'q')
        length = LEN_LL, f++;
    else if (*f == 'L')
        length = LEN_BIG_L, f++;
    else if (*f == 'z')
        length = LEN_SIZE, f++;
    else if (*f == 't')
        length = LEN_PTRDIFF, f++;
    *p = f;
    return length;
}

static void store_integer(void* target, int length, long long value)
{
    switch (length) {
    case LEN_HH: *(signed char*)target = (signed char)value; break;
    case LEN_H: *(short*)target = (short)value; break;
    case LEN_L: *(long*)target = (long)value; break;
    case LEN_LL: *(long long*)target = value; break;
    case LEN_SIZE: *(size_t*)target = (size_t)value; break;
    case LEN_PTRDIFF: *(ptrdiff_t*)target = (ptrdiff_t)value; break;
    default: *(int*)target = (int)value; break;
    }
}

/*
 * The scanset of "[...]" at *p (just past the '['): in[c] for each byte
 * c that matches; *p advanced past the closing ']'. 0 when it never closes.
 */
static int parse_scanset(const char** p, unsigned char in[256])
{
    const unsigned char* f = (const unsigned char*)*p;
    int invert = *f == '^';
    if (invert)
        f++;
    memset(in, 0, 256);
    if (*f == ']')
        in[*f++] = 1;
    for (; *f && *f != ']'; f++) {
        if (f[1] == '-' && f[2] && f[2] != ']') {
            for (int c = f[0]; c <= f[2]; c++)
                in[c] = 1;
            f += 2;
        } else {
            in[*f] = 1;
        }
    }
    if (!*f)
        return 0;
    for (int c = 0; invert && c < 256; c++)
        in[c] = !in[c];
    *p = (const char*)f + 1;
    return 1;
}

/*
 * %s, %c and %[ ]: characters matching in[] (up to width) into target (if
 * not NULL), NUL-terminated unless terminate is 0 (%c). The count read.
 */
static size_t scan_characters(struct input* in, char* target, size_t width, const unsigned char set[256], int terminate)
{
    size_t count = 0;
    int c = EOF;
    while (count < width && (c = next_char(in)) != EOF && set[c]) {
        if (target)
            target[count] = (char)c;
        count++;
    }
    if (count < width && c != EOF)
        push_back(in, c);
    if (target && terminate)
        target[count] = '\0';
    return count;
}

/* One numeric conversion (conversion in "diouxXp", or a float one); 0 on a matching failure. */
static int scan_number(struct input* in, char conversion, size_t width, int length, void* target)
{
    struct field f;
    skip_space(in);
    field_start(&f, in, width);
    if (strchr("fFeEgGaA", conversion)) {
        if (!gather_float(&f))
            return 0;
        long double value = strtold(f.text, NULL);
        if (target && length == LEN_BIG_L)
            *(long double*)target = value;
        else if (target && length == LEN_L)
            *(double*)target = (double)value;
        else if (target)
            *(float*)target = (float)value;
        return 1;
    }
    int base = conversion == 'd' || conversion == 'u' ? 10 : conversion == 'o' ? 8 : conversion == 'i' ? 0 : 16;
    base = gather_integer(&f, base);
    if (base < 0)
        return 0;
    if (!target)
        return 1;
    if (conversion == 'p')
        *(void**)target = (void*)(uintptr_t)strtoull(f.text, NULL, 16);
    else if (conversion == 'd' || conversion == 'i')
        store_integer(target, length, strtoll(f.text, NULL, base));
    else
        store_integer(target, length, (long long)strtoull(f.text, NULL, base));
    return 1;
}

static int scan(struct input* in, const char* format, va_list args)
{
    int assigned = 0, input_failure = 0;
    for (const char* p = format; *p; p++) {
        if (isspace((unsigned char)*p)) {
            skip_space(in);
            continue;
        }
        if (*p != '%' || p[1] == '%') {
            if (*p == '%') {
                p++;
                skip_space(in);
            }
            int c = next_char(in);
            if (c != (unsigned char)*p) {
                push_back(in, c);
                input_failure = c == EOF;
                break;
            }
            continue;
        }
        p++;
        int suppress = *p == '*';
        if (suppress)
            p++;
        size_t width = 0;
        while (isdigit((unsigned char)*p))
            width = width * 10 + (size_t)(*p++ - '0');
        int length = parse_length(&p);
        char conversion = *p;
        if (conversion == 'n') {
            if (!suppress)
                store_integer(va_arg(args, void*), length, (long long)in->consumed);
            continue;
        }
        void* target = suppress ? NULL : va_arg(args, void*);
        unsigned char set[256];
        int ok;
        if (conversion == 'c') {
            memset(set, 1, sizeof(set));
            width = width ? width : 1;
            ok = scan_characters(in, target, width, set, 0) == width;
        } else if (conversion == 's' || conversion == '[') {
            if (conversion == 's') {
                skip_space(in);
                for (int c = 0; c < 256; c++)
                    set[c] = !isspace(c);
            } else {
                p++;
                if (!parse_scanset(&p, set))
                    break;
                p--; /* at the ']': the loop steps past it */
            }
            ok = scan_characters(in, target, width ? width : (size_t)-1, set, 1) > 0;
        } else if (conversion && strchr("diouxXpfFeEgGaA", conversion)) {
            ok = scan_number(in, conversion, width, length, target);
        } else {
            break;
        }
        if (!ok) {
            input_failure = in->ended;
            break;
        }
        assigned += !suppress;
    }
    return assigned == 0 && input_failure ? EOF : assigned;
}

int vsscanf(const char* str, const char* format, va_list args)
{
    struct input in = { str, NULL, 0, 0 };
    return scan(&in, format, args);
}

int vfscanf(FILE* stream, const char* format, va_list args)
{
    struct input in = { NULL, stream, 0, 0 };
    return scan(&in, format, args);
}

int vscanf(const char* format, va_list args)
{
    return vfscanf(stdin, format, args);
}

int sscanf(const char* str, const char* format, ...)
{
    va_list args;
    va_start(args, format);
    int rc = vsscanf(str, format, args);
    va_end(args);
    return rc;
}

int fscanf(FILE* stream, const char* format, ...)
{
    va_list args;
    va_start(args, format);
    int rc = vfscanf(stream, format, args);
    va_end(args);
    return rc;
}

int scanf(const char* format, ...)
{
    va_list args;
    va_start(args, format);
    int rc = vfscanf(stdin, format, args);
    va_end(args);
    return rc;
}
