/*
 * /bin/sh: a small POSIX-style shell.
 *
 *   sh [-i] [file [arg...]]              runs file, else standard input
 *   sh [-i] -c command [name [arg...]]   runs command ($0 = name)
 *
 * Interactive when it reads standard input and that is a terminal, or with
 * -i: it then prints a prompt on stderr, "# " for root and "$ " for other
 * users ("> " while a command is unfinished), and edits the line itself,
 * since the console does not echo: typed characters are echoed (on stderr),
 * backspace (0x7f or 0x08) erases one, Ctrl-U the whole line, Ctrl-C drops
 * the command, Ctrl-D on an empty line ends the shell, Enter (LF or CR) runs
 * the line; other control characters and escape sequences (arrow keys) are
 * ignored. Input is read a byte at a time, so what follows a command line
 * is left to the commands it runs.
 *
 * The grammar, read a line at a time; a line that ends inside quotes, after
 * a backslash or after |, && or || goes on with the next line:
 *   list        := and_or { (';' | '&' | newline) and_or } [';' | '&']
 *   and_or      := pipeline { ('&&' | '||') newline* pipeline }
 *   pipeline    := ['!'] command { '|' newline* command }
 *   command     := { NAME=value } { word | redirection }, not empty
 *   redirection := [n]'<' word | [n]'>' word | [n]'>|' word | [n]'>>' word
 *                | [n]'>&' m | [n]'<&' m          (m: a number, or - to close)
 * A word starting with '#' starts a comment, to the end of the line.
 * Quoting: '...' is literal; in "..." a backslash quotes only $ ` " \ and
 * newline, and $ expands; outside quotes \c is c; backslash-newline is
 * removed. Expansions: ~ or ~/ at the start of a word ($HOME); $NAME,
 * ${NAME}, $? (last status), $$, $! (last background pid), $#, $0..$9,
 * ${10}..., $@ and $* (the arguments; "$@" keeps them apart). Outside
 * double quotes their results are split at spaces, tabs and newlines
 * (except in assignments). Not supported: globbing, here-documents,
 * command substitution, ( ) and { } groups, if/while/for, functions.
 *
 * Builtins: cd [dir] (no dir: $HOME, or / without it), pwd, exit [n],
 * export [NAME[=value]...] (none: lists the environment), unset NAME...,
 * wait [pid] (no pid: every background command), and ':'. Assignments
 * alone or before a builtin set shell variables (ones in the environment
 * stay there); before another command they go into its environment only.
 * Other commands run through execvp: PATH, default /bin:/usr/bin.
 *
 * The status of a command is the exit status of the last command run:
 * 127 for "sh: name: not found", 126 when it cannot be executed, 128+n when
 * it was killed by signal n, 1 when a redirection fails, 2 for a syntax
 * error, which also ends a non-interactive shell. A list ending in & runs
 * in a child that is not waited for (there is no job control), with its
 * standard input from /dev/null. The shell has no fixed limits on lines,
 * words or arguments: memory is the limit.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

/* ---- memory ---- */

/* Reports a message as "sh: message" on stderr. */
static void complain(const char* format, ...) __attribute__((format(printf, 1, 2)));
static void complain(const char* format, ...)
{
    va_list ap;
    va_start(ap, format);
    char* message = NULL;
    int length = vasprintf(&message, format, ap);
    va_end(ap);
    /* one write, so that lines of processes running together do not mix */
    fprintf(stderr, "sh: %s\n", length < 0 ? format : message);
    free(message);
}

/* Without memory the shell cannot go on: it says so and exits 2. */
static __attribute__((noreturn)) void out_of_memory(void)
{
    complain("out of memory");
    exit(2);
}

/* realloc (malloc for a NULL p) that does not return NULL. */
static void* xrealloc(void* p, size_t size)
{
    p = realloc(p, size);
    if (!p)
        out_of_memory();
    return p;
}

static char* xstrdup(const char* s)
{
    char* copy = strdup(s);
    if (!copy)
        out_of_memory();
    return copy;
}

/*
 * The arena: what one command line needs (its text, tokens, tree and
 * expansions) is allocated here and freed at once when the line is done.
 */
struct arena_block {
    struct arena_block* next;
    size_t used, size;
    char data[] __attribute__((aligned(8)));
};
static struct arena_block* arena;
#define ARENA_BLOCK_SIZE 8192

/* size bytes, 8-aligned, that live until arena_reset. */
static void* arena_alloc(size_t size)
{
    if (size > SIZE_MAX / 2)
        out_of_memory();
    size = (size + 7) & ~(size_t)7;
    if (!arena || arena->size - arena->used < size) {
        size_t block = size > ARENA_BLOCK_SIZE ? size : ARENA_BLOCK_SIZE;
        struct arena_block* fresh = xrealloc(NULL, sizeof(*fresh) + block);
        fresh->next = arena;
        fresh->used = 0;
        fresh->size = block;
        arena = fresh;
    }
    void* p = arena->data + arena->used;
    arena->used += size;
    return p;
}

/* Frees everything arena_alloc gave out. */
static void arena_reset(void)
{
    while (arena) {
        struct arena_block* next = arena->next;
        free(arena);
        arena = next;
    }
}

/*
 * An arena array of at least needed items of item_size: old itself if its
 * capacity (in items, updated) is enough, else a copy of its first used
 * items in a larger one.
 */
static void* grow(void* old, size_t used, size_t needed, size_t* capacity, size_t item_size)
{
    if (needed <= *capacity)
        return old;
    size_t fresh_capacity = *capacity ? *capacity : 16;
    while (fresh_capacity < needed)
        fresh_capacity *= 2;
    if (fresh_capacity > SIZE_MAX / 2 / item_size)
        out_of_memory();
    void* fresh = arena_alloc(fresh_capacity * item_size);
    if (used)
        memcpy(fresh, old, used * item_size);
    *capacity = fresh_capacity;
    return fresh;
}

/* A growing string in the arena, always NUL-terminated once data is set. */
struct str {
    char* data;
    size_t length, capacity;
};

static void str_append(struct str* s, const char* text, size_t length)
{
    s->data = grow(s->data, s->length, s->length + length + 1, &s->capacity, 1);
    memcpy(s->data + s->length, text, length);
    s->length += length;
    s->data[s->length] = '\0';
}

static void str_push(struct str* s, char c)
{
    str_append(s, &c, 1);
}

/* A growing array of pointers in the arena. */
struct vec {
    void** items;
    size_t count, capacity;
};

static void vec_push(struct vec* v, void* item)
{
    v->items = grow(v->items, v->count, v->count + 1, &v->capacity, sizeof(void*));
    v->items[v->count++] = item;
}

/* A NUL-terminated arena copy of length bytes of text. */
static char* arena_strndup(const char* text, size_t length)
{
    char* copy = arena_alloc(length + 1);
    memcpy(copy, text, length);
    copy[length] = '\0';
    return copy;
}

/* ---- the lexer ---- */

enum token_type { T_WORD, T_NEWLINE, T_SEMI, T_AMP, T_AND, T_PIPE, T_OR, T_REDIRECT, T_END, T_INCOMPLETE, T_ERROR };
enum redirect_kind { R_IN, R_OUT, R_APPEND, R_DUP };

struct token {
    enum token_type type;
    const char* text; /* where it starts in the line (T_ERROR: the message) */
    size_t length;
    int fd;                  /* T_REDIRECT: the descriptor redirected */
    enum redirect_kind kind; /* T_REDIRECT */
};

struct lexer {
    const char* text; /* the whole command text, NUL-terminated */
    size_t pos;
};

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Whether c ends a word: a blank, an operator character, a newline or the end. */
static bool ends_word(char c)
{
    return c == '\0' || is_blank(c) || strchr("|&;<>()\n", c);
}

/* Skips blanks, backslash-newline pairs and a comment; stops at anything else. */
static void skip_space(struct lexer* lx)
{
    const char* t = lx->text;
    for (;;) {
        if (is_blank(t[lx->pos]))
            lx->pos++;
        else if (t[lx->pos] == '\\' && t[lx->pos + 1] == '\n')
            lx->pos += 2;
        else if (t[lx->pos] == '#')
            lx->pos += strcspn(t + lx->pos, "\n");
        else
            return;
    }
}

/*
 * Moves lx->pos past the word there, quotes included. False when the text
 * ends inside quotes or right after a backslash: the word goes on on the
 * next line.
 */
static bool scan_word(struct lexer* lx)
{
    const char* t = lx->text;
    size_t i = lx->pos;
    while (!ends_word(t[i])) {
        if (t[i] == '\\') {
            if (!t[i + 1])
                return false;
            i += 2;
        } else if (t[i] == '\'') {
            const char* close = strchr(t + i + 1, '\'');
            if (!close)
                return false;
            i = (size_t)(close - t) + 1;
        } else if (t[i] == '"') {
            for (i++; t[i] && t[i] != '"'; i++)
                if (t[i] == '\\' && t[i + 1])
                    i++;
            if (!t[i])
                return false;
            i++;
        } else {
            i++;
        }
    }
    lx->pos = i;
    return true;
}

/*
 * A redirection operator at p, with its optional descriptor number first:
 * fills tok's fd and kind and returns the operator's length, or 0 if there
 * is none at p.
 */
static size_t scan_redirect(const char* p, struct token* tok)
{
    size_t i = 0;
    long fd = -1;
    while (isdigit((unsigned char)p[i])) {
        fd = (fd < 0 ? 0 : fd) * 10 + (p[i] - '0');
        if (fd > INT32_MAX / 10)
            fd = INT32_MAX / 10; /* no such descriptor: dup2 will say EBADF */
        i++;
    }
    if (p[i] == '<') {
        tok->kind = p[i + 1] == '&' ? R_DUP : R_IN;
        tok->fd = fd < 0 ? 0 : (int)fd;
        return i + (tok->kind == R_DUP ? 2 : 1);
    }
    if (p[i] == '>') {
        tok->kind = p[i + 1] == '>' ? R_APPEND : p[i + 1] == '&' ? R_DUP : R_OUT;
        tok->fd = fd < 0 ? 1 : (int)fd;
        return i + (strchr(">&|", p[i + 1]) && p[i + 1] ? 2 : 1);
    }
    return 0;
}

/* The next token of lx, moving past it. */
static struct token next_token(struct lexer* lx)
{
    skip_space(lx);
    const char* p = lx->text + lx->pos;
    struct token tok = { .text = p, .length = 1 };
    switch (*p) {
    case '\0':
        tok.type = T_END;
        tok.length = 0;
        break;
    case '\n':
        tok.type = T_NEWLINE;
        break;
    case ';':
        tok.type = T_SEMI;
        break;
    case '&':
        tok.type = p[1] == '&' ? T_AND : T_AMP;
        tok.length = p[1] == '&' ? 2 : 1;
        break;
    case '|':
        tok.type = p[1] == '|' ? T_OR : T_PIPE;
        tok.length = p[1] == '|' ? 2 : 1;
        break;
    case '(':
    case ')':
        tok.type = T_ERROR;
        tok.text = "( and ) are not supported";
        return tok;
    default:
        tok.length = scan_redirect(p, &tok);
        if (tok.length) {
            tok.type = T_REDIRECT;
            break;
        }
        if (!scan_word(lx))
            return (struct token) { .type = T_INCOMPLETE, .text = p };
        tok.type = T_WORD;
        tok.length = (size_t)(lx->text + lx->pos - p);
        return tok;
    }
    lx->pos += tok.length;
    return tok;
}

/* ---- the parser: text to tree ---- */

enum node_type { N_SIMPLE, N_PIPELINE, N_AND, N_OR, N_NOT, N_BACKGROUND, N_LIST };

struct redirect {
    int fd;
    enum redirect_kind kind;
    const char* target; /* the word, unexpanded */
};

struct node {
    enum node_type type;
    /* N_SIMPLE: assignments, words (raw text) and struct redirect*; N_PIPELINE, N_LIST: nodes */
    struct vec assignments, words, redirects, items;
    struct node* left;  /* N_AND, N_OR; N_NOT, N_BACKGROUND: the one child */
    struct node* right; /* N_AND, N_OR */
};

struct parser {
    struct lexer lx;
    struct token tok; /* the lookahead */
    bool failed;
    bool incomplete;     /* failed because the text ended too soon */
    const char* message; /* failed otherwise: why */
};

static struct node* new_node(enum node_type type, struct node* left, struct node* right)
{
    struct node* n = arena_alloc(sizeof(*n));
    memset(n, 0, sizeof(*n));
    n->type = type;
    n->left = left;
    n->right = right;
    return n;
}

static void advance(struct parser* ps)
{
    ps->tok = next_token(&ps->lx);
}

/* Records a syntax error at the lookahead (the first one only); returns NULL. */
static struct node* syntax_error(struct parser* ps)
{
    if (ps->failed)
        return NULL;
    ps->failed = true;
    const struct token* t = &ps->tok;
    if (t->type == T_INCOMPLETE) {
        ps->incomplete = true;
    } else if (t->type == T_ERROR) {
        ps->message = t->text;
    } else if (t->type == T_END || t->type == T_NEWLINE) {
        ps->message = t->type == T_END ? "syntax error: unexpected end of line" : "syntax error: unexpected newline";
    } else {
        size_t size = t->length + 40;
        char* message = arena_alloc(size);
        snprintf(message, size, "syntax error: unexpected '%.*s'", (int)t->length, t->text);
        ps->message = message;
    }
    return NULL;
}

/* After | && ||: skips newlines; at the end of the text the command is incomplete (false). */
static bool skip_linebreak(struct parser* ps)
{
    while (ps->tok.type == T_NEWLINE)
        advance(ps);
    if (ps->tok.type != T_END)
        return true;
    ps->failed = ps->incomplete = true;
    return false;
}

/* The length of the NAME ([A-Za-z_][A-Za-z0-9_]*) at the start of s; 0 if there is none. */
static size_t name_length(const char* s)
{
    if (!isalpha((unsigned char)s[0]) && s[0] != '_')
        return 0;
    size_t n = 1;
    while (isalnum((unsigned char)s[n]) || s[n] == '_')
        n++;
    return n;
}

static bool is_name(const char* s)
{
    size_t n = name_length(s);
    return n > 0 && s[n] == '\0';
}

static bool is_assignment(const char* word)
{
    size_t n = name_length(word);
    return n > 0 && word[n] == '=';
}

/* command := { NAME=value } { word | redirection }, at least one of them. */
static struct node* parse_command(struct parser* ps)
{
    struct node* cmd = new_node(N_SIMPLE, NULL, NULL);
    while (ps->tok.type == T_WORD || ps->tok.type == T_REDIRECT) {
        if (ps->tok.type == T_REDIRECT) {
            struct redirect* r = arena_alloc(sizeof(*r));
            r->fd = ps->tok.fd;
            r->kind = ps->tok.kind;
            advance(ps);
            if (ps->tok.type != T_WORD)
                return syntax_error(ps);
            r->target = arena_strndup(ps->tok.text, ps->tok.length);
            vec_push(&cmd->redirects, r);
        } else {
            char* word = arena_strndup(ps->tok.text, ps->tok.length);
            vec_push(cmd->words.count == 0 && is_assignment(word) ? &cmd->assignments : &cmd->words, word);
        }
        advance(ps);
    }
    if (cmd->assignments.count + cmd->words.count + cmd->redirects.count == 0)
        return syntax_error(ps);
    return cmd;
}

/* pipeline := ['!'] command { '|' newline* command } */
static struct node* parse_pipeline(struct parser* ps)
{
    bool negate = ps->tok.type == T_WORD && ps->tok.length == 1 && ps->tok.text[0] == '!';
    if (negate)
        advance(ps);
    struct node* pipeline = new_node(N_PIPELINE, NULL, NULL);
    for (;;) {
        struct node* cmd = parse_command(ps);
        if (!cmd)
            return NULL;
        vec_push(&pipeline->items, cmd);
        if (ps->tok.type != T_PIPE)
            break;
        advance(ps);
        if (!skip_linebreak(ps))
            return NULL;
    }
    struct node* result = pipeline->items.count == 1 ? pipeline->items.items[0] : pipeline;
    return negate ? new_node(N_NOT, result, NULL) : result;
}

/* and_or := pipeline { ('&&' | '||') newline* pipeline } */
static struct node* parse_and_or(struct parser* ps)
{
    struct node* left = parse_pipeline(ps);
    while (left && (ps->tok.type == T_AND || ps->tok.type == T_OR)) {
        enum node_type type = ps->tok.type == T_AND ? N_AND : N_OR;
        advance(ps);
        if (!skip_linebreak(ps))
            return NULL;
        struct node* right = parse_pipeline(ps);
        left = right ? new_node(type, left, right) : NULL;
    }
    return left;
}

/* list := and_or { (';' | '&' | newline) and_or } [';' | '&'], possibly empty. */
static struct node* parse_list(struct parser* ps)
{
    struct node* list = new_node(N_LIST, NULL, NULL);
    for (;;) {
        while (ps->tok.type == T_NEWLINE)
            advance(ps);
        if (ps->tok.type == T_END)
            return list;
        struct node* item = parse_and_or(ps);
        if (!item)
            return NULL;
        if (ps->tok.type == T_AMP)
            item = new_node(N_BACKGROUND, item, NULL);
        if (ps->tok.type == T_AMP || ps->tok.type == T_SEMI)
            advance(ps);
        else if (ps->tok.type != T_NEWLINE && ps->tok.type != T_END)
            return syntax_error(ps);
        vec_push(&list->items, item);
    }
}

enum parse_result { PARSED, INCOMPLETE, SYNTAX_ERROR };

/* Parses text into *tree (an N_LIST); on a syntax error *message says why. */
static enum parse_result parse(const char* text, struct node** tree, const char** message)
{
    struct parser ps = { .lx = { .text = text } };
    advance(&ps);
    *tree = parse_list(&ps);
    if (!ps.failed)
        return PARSED;
    if (ps.incomplete)
        return INCOMPLETE;
    *message = ps.message;
    return SYNTAX_ERROR;
}

/* ---- variables ---- */

/* The shell variables not in the environment (malloc'ed, kept across lines). */
struct variable {
    char* name;
    char* value;
};
static struct variable* locals;
static size_t local_count, local_capacity;

static struct variable* find_local(const char* name)
{
    for (size_t i = 0; i < local_count; i++)
        if (strcmp(locals[i].name, name) == 0)
            return &locals[i];
    return NULL;
}

/* The value of variable name (shell variables first, then the environment), or NULL. */
static const char* get_var(const char* name)
{
    struct variable* v = find_local(name);
    return v ? v->value : getenv(name);
}

static void remove_local(const char* name)
{
    struct variable* v = find_local(name);
    if (!v)
        return;
    free(v->name);
    free(v->value);
    *v = locals[--local_count];
}

/* Puts NAME=value in the environment (out of the shell variables); false if setenv failed. */
static bool export_var(const char* name, const char* value)
{
    if (setenv(name, value, 1) < 0) {
        complain("export: %s: %s", name, strerror(errno));
        return false;
    }
    remove_local(name);
    return true;
}

/* Sets variable name: in the environment if it is there, else as a shell variable. */
static void set_var(const char* name, const char* value)
{
    if (getenv(name)) {
        export_var(name, value);
        return;
    }
    struct variable* v = find_local(name);
    if (v) {
        free(v->value);
        v->value = xstrdup(value);
        return;
    }
    if (local_count == local_capacity) {
        local_capacity = local_capacity ? local_capacity * 2 : 16;
        locals = xrealloc(locals, local_capacity * sizeof(*locals));
    }
    locals[local_count++] = (struct variable) { xstrdup(name), xstrdup(value) };
}

/* ---- expansion ---- */

static int last_status;
static pid_t last_background; /* $!, 0 before the first */
static const char* script_name; /* $0 */
static char** positional;       /* $1... */
static int positional_count;    /* $# */
static bool interactive;

/* The fields one word expands to, being built. */
struct expansion {
    struct vec* fields; /* where finished fields go (char*) */
    struct str field;   /* the one being built */
    bool have_field;    /* whether there is one, empty or not */
    bool split;         /* whether unquoted expansions are split into fields */
    bool failed;
};

static void end_field(struct expansion* ex)
{
    if (ex->have_field)
        vec_push(ex->fields, ex->field.data ? ex->field.data : "");
    ex->field = (struct str) { 0 };
    ex->have_field = false;
}

static void add_literal(struct expansion* ex, const char* text, size_t length)
{
    str_append(&ex->field, text, length);
    ex->have_field = true;
}

/* Adds an expansion's value: as is when quoted or not splitting, else split at blanks and newlines. */
static void add_value(struct expansion* ex, const char* value, bool quoted)
{
    if (quoted || !ex->split) {
        add_literal(ex, value, strlen(value));
        return;
    }
    for (const char* p = value; *p; p++) {
        if (is_blank(*p) || *p == '\n')
            end_field(ex);
        else
            add_literal(ex, p, 1);
    }
}

/* $@ and $*: the arguments, as separate fields for "$@", else joined by spaces. */
static void add_arguments(struct expansion* ex, bool separate, bool quoted)
{
    for (int k = 0; k < positional_count; k++) {
        if (k > 0 && separate) {
            ex->have_field = true;
            end_field(ex);
        } else if (k > 0) {
            add_value(ex, " ", quoted);
        }
        if (quoted)
            add_literal(ex, "", 0);
        add_value(ex, positional[k], quoted);
    }
}

/* Adds the value of the parameter named by length bytes at name (a NAME, digits or one of ? $ ! # @ *). */
static void add_parameter(struct expansion* ex, const char* name, size_t length, bool quoted)
{
    if (*name == '@' || *name == '*') {
        add_arguments(ex, *name == '@' && quoted && ex->split, quoted);
        return;
    }
    long number = -1; /* the value when it is a number */
    const char* value = NULL;
    if (*name == '?')
        number = last_status;
    else if (*name == '$')
        number = getpid();
    else if (*name == '!')
        number = last_background ? last_background : -1;
    else if (*name == '#')
        number = positional_count;
    else if (isdigit((unsigned char)*name)) {
        long index = strtol(arena_strndup(name, length), NULL, 10); /* $12 is $1 then 2 */
        value = index == 0 ? script_name : index <= positional_count ? positional[index - 1] : NULL;
    } else
        value = get_var(arena_strndup(name, length));
    char digits[24];
    if (number >= 0) {
        snprintf(digits, sizeof(digits), "%ld", number);
        value = digits;
    }
    if (value)
        add_value(ex, value, quoted);
}

/* The length of the parameter name at p: a NAME, one special character or digit, or (braced) digits; 0 if none. */
static size_t parameter_length(const char* p, bool braced)
{
    size_t n = name_length(p);
    if (n)
        return n;
    if (braced && isdigit((unsigned char)*p))
        return strspn(p, "0123456789");
    return *p && strchr("?$!#@*0123456789", *p) ? 1 : 0;
}

/* Expands the $ at raw[*i] ($NAME, ${NAME}, $?, ...; a lone $ is itself), moving *i past it. */
static void expand_dollar(struct expansion* ex, const char* raw, size_t* i, bool quoted)
{
    const char* p = raw + *i + 1;
    bool braced = *p == '{';
    size_t length = parameter_length(p + braced, braced);
    if (braced && (length == 0 || p[1 + length] != '}')) {
        complain("%s: bad substitution", raw);
        ex->failed = true;
        return;
    }
    if (length == 0) {
        add_literal(ex, "$", 1);
        *i += 1;
        return;
    }
    add_parameter(ex, p + braced, length, quoted);
    *i += 1 + length + (braced ? 2 : 0);
}

/* Expands the double-quoted part at raw[*i] == '"', moving *i past its closing quote. */
static void expand_double_quoted(struct expansion* ex, const char* raw, size_t* i)
{
    (*i)++;
    /* "" is an empty field, but "$@" without arguments is none */
    if (strncmp(raw + *i, "$@\"", 3) != 0)
        add_literal(ex, "", 0);
    while (raw[*i] != '"' && !ex->failed) {
        char c = raw[*i], next = raw[*i + 1];
        if (c == '\\' && next && strchr("$`\"\\\n", next)) {
            if (next != '\n')
                add_literal(ex, raw + *i + 1, 1);
            *i += 2;
        } else if (c == '$') {
            expand_dollar(ex, raw, i, true);
        } else {
            add_literal(ex, raw + *i, 1);
            (*i)++;
        }
    }
    (*i)++;
}

/*
 * Expands the word raw (as the lexer delimited it: quotes are closed) and
 * appends its fields to fields: none, one, or several when split is set
 * and an unquoted expansion contains blanks. False after reporting an
 * error.
 */
static bool expand_word(const char* raw, struct vec* fields, bool split)
{
    struct expansion ex = { .fields = fields, .split = split };
    size_t i = 0;
    const char* home = get_var("HOME");
    if (raw[0] == '~' && (raw[1] == '/' || raw[1] == '\0') && home) {
        add_literal(&ex, home, strlen(home));
        i = 1;
    }
    while (raw[i] && !ex.failed) {
        if (raw[i] == '\\') {
            if (raw[i + 1] != '\n')
                add_literal(&ex, raw + i + 1, 1);
            i += 2;
        } else if (raw[i] == '\'') {
            size_t length = strcspn(raw + i + 1, "'");
            add_literal(&ex, raw + i + 1, length);
            i += length + 2;
        } else if (raw[i] == '"') {
            expand_double_quoted(&ex, raw, &i);
        } else if (raw[i] == '$') {
            expand_dollar(&ex, raw, &i, false);
        } else {
            add_literal(&ex, raw + i, 1);
            i++;
        }
    }
    end_field(&ex);
    return !ex.failed;
}

/* The word raw expanded without splitting, as one string (an assignment's value); NULL after an error. */
static char* expand_string(const char* raw)
{
    struct vec fields = { 0 };
    if (!expand_word(raw, &fields, false))
        return NULL;
    return fields.count ? fields.items[0] : "";
}

/* ---- running commands ---- */

static int run_node(struct node* n, bool forked);

/* A waitpid status as a shell status: the exit status, or 128 + the signal. */
static int status_code(int status)
{
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return 1;
}

/* Waits for child pid; returns its shell status (telling of a fatal signal other than SIGPIPE). */
static int wait_for(pid_t pid)
{
    int status;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            complain("waitpid %d: %s", (int)pid, strerror(errno));
            return 1;
        }
    }
    if (WIFSIGNALED(status) && WTERMSIG(status) != SIGPIPE)
        complain("process %d: %s", (int)pid, strsignal(WTERMSIG(status)));
    return status_code(status);
}

/*
 * Interactive shells only: reaps and reports finished background commands
 * without waiting. (A script keeps them for wait; they go to init when it
 * ends.)
 */
static void reap_background(void)
{
    int status;
    pid_t pid;
    while (interactive && (pid = waitpid(-1, &status, WNOHANG)) > 0)
        fprintf(stderr, "[%d] done, status %d\n", (int)pid, status_code(status));
}

/* fork, with stdout flushed first so that nothing buffered is written twice; -1 after reporting. */
static pid_t spawn(void)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0)
        complain("fork: %s", strerror(errno));
    return pid;
}

/* The file descriptor a R_DUP target names (-1 for "-": close); -2 after reporting a bad one. */
static int dup_source(const char* target)
{
    if (strcmp(target, "-") == 0)
        return -1;
    char* end;
    long fd = strtol(target, &end, 10);
    if (!isdigit((unsigned char)target[0]) || *end || fd > INT32_MAX) {
        complain("%s: bad file descriptor number", target);
        return -2;
    }
    return (int)fd;
}

/* Opens the file of redirection r, named target; the descriptor, or -2 after reporting. */
static int open_target(const struct redirect* r, const char* target)
{
    int flags = r->kind == R_IN ? O_RDONLY : O_WRONLY | O_CREAT | (r->kind == R_APPEND ? O_APPEND : O_TRUNC);
    int fd = open(target, flags, 0666);
    if (fd < 0) {
        complain("%s: %s", target, strerror(errno));
        return -2;
    }
    return fd;
}

/* Records in saved (struct saved_fd*) what fd is now, so that restore_fds can put it back. */
struct saved_fd {
    int fd;
    int copy; /* -1: fd was not open */
};
#define SAVED_FD_MIN 10

static void save_fd(struct vec* saved, int fd)
{
    struct saved_fd* s = arena_alloc(sizeof(*s));
    s->fd = fd;
    s->copy = fcntl(fd, F_DUPFD, SAVED_FD_MIN);
    if (s->copy >= 0)
        fcntl(s->copy, F_SETFD, FD_CLOEXEC);
    vec_push(saved, s);
}

/* Undoes the redirections recorded in saved, last first. */
static void restore_fds(struct vec* saved)
{
    for (size_t k = saved->count; k-- > 0;) {
        struct saved_fd* s = saved->items[k];
        if (s->copy < 0) {
            close(s->fd);
        } else {
            dup2(s->copy, s->fd);
            close(s->copy);
        }
    }
}

/* Applies redirection r (saving the descriptor's state in saved unless NULL); false after reporting. */
static bool apply_redirect(const struct redirect* r, struct vec* saved)
{
    struct vec fields = { 0 };
    if (!expand_word(r->target, &fields, true))
        return false;
    if (fields.count != 1) {
        complain("%s: ambiguous redirect", r->target);
        return false;
    }
    const char* target = fields.items[0];
    if (saved)
        save_fd(saved, r->fd);
    int source = r->kind == R_DUP ? dup_source(target) : open_target(r, target);
    if (source == -2)
        return false;
    if (source == -1) {
        close(r->fd);
        return true;
    }
    if (source == r->fd)
        return true;
    int rc = dup2(source, r->fd);
    int error = errno;
    if (r->kind != R_DUP)
        close(source);
    if (rc < 0) {
        complain("%d: %s", r->kind == R_DUP ? source : r->fd, strerror(error));
        return false;
    }
    return true;
}

/* Applies the redirections of cmd in order (see apply_redirect); false after reporting. */
static bool apply_redirects(struct node* cmd, struct vec* saved)
{
    for (size_t k = 0; k < cmd->redirects.count; k++)
        if (!apply_redirect(cmd->redirects.items[k], saved))
            return false;
    return true;
}

/* ---- builtins ---- */

static int builtin_cd(int argc, char** argv)
{
    if (argc > 2) {
        complain("cd: too many arguments");
        return 1;
    }
    const char* dir = argc > 1 ? argv[1] : get_var("HOME");
    if (!dir || !*dir)
        dir = "/";
    if (chdir(dir) < 0) {
        complain("cd: %s: %s", dir, strerror(errno));
        return 1;
    }
    char* cwd = getcwd(NULL, 0);
    if (cwd)
        set_var("PWD", cwd);
    free(cwd);
    return 0;
}

static int builtin_pwd(int argc, char** argv)
{
    (void)argc, (void)argv;
    char* cwd = getcwd(NULL, 0);
    if (!cwd) {
        complain("pwd: %s", strerror(errno));
        return 1;
    }
    printf("%s\n", cwd);
    free(cwd);
    return 0;
}

static int builtin_exit(int argc, char** argv)
{
    if (argc > 2) {
        complain("exit: too many arguments");
        return 1;
    }
    int status = last_status;
    if (argc == 2) {
        char* end;
        long n = strtol(argv[1], &end, 10);
        if (!*argv[1] || *end) {
            complain("exit: %s: numeric argument required", argv[1]);
            n = 2;
        }
        status = (int)(n & 0xff);
    }
    fflush(stdout);
    exit(status);
}

/* export NAME=value, export NAME (a shell variable into the environment); none: the environment. */
static int builtin_export(int argc, char** argv)
{
    extern char** environ;
    if (argc == 1) {
        for (char** e = environ; e && *e; e++)
            printf("export %s\n", *e);
        return 0;
    }
    int status = 0;
    for (int k = 1; k < argc; k++) {
        char* equals = strchr(argv[k], '=');
        char* name = equals ? arena_strndup(argv[k], (size_t)(equals - argv[k])) : argv[k];
        if (!is_name(name)) {
            complain("export: %s: not a valid name", argv[k]);
            status = 1;
            continue;
        }
        const char* value = equals ? equals + 1 : get_var(name);
        if (value && !export_var(name, value))
            status = 1;
    }
    return status;
}

static int builtin_unset(int argc, char** argv)
{
    int status = 0;
    for (int k = 1; k < argc; k++) {
        if (!is_name(argv[k])) {
            complain("unset: %s: not a valid name", argv[k]);
            status = 1;
            continue;
        }
        remove_local(argv[k]);
        unsetenv(argv[k]);
    }
    return status;
}

/* wait [pid...]: waits for those children (none: every child); the status of the last one. */
static int builtin_wait(int argc, char** argv)
{
    if (argc == 1) {
        while (waitpid(-1, NULL, 0) > 0 || errno == EINTR)
            ;
        return 0;
    }
    int status = 0;
    for (int k = 1; k < argc; k++) {
        char* end;
        long pid = strtol(argv[k], &end, 10);
        if (!*argv[k] || *end || pid <= 0) {
            complain("wait: %s: not a process id", argv[k]);
            status = 2;
            continue;
        }
        int raw;
        pid_t got = waitpid((pid_t)pid, &raw, WNOHANG);
        if (got == pid) {
            status = status_code(raw);
        } else if (got < 0 && errno == ECHILD) {
            complain("wait: %s: not a child of this shell", argv[k]);
            status = 127;
        } else {
            status = wait_for((pid_t)pid);
        }
    }
    return status;
}

static int builtin_colon(int argc, char** argv)
{
    (void)argc, (void)argv;
    return 0;
}

struct builtin {
    const char* name;
    int (*run)(int argc, char** argv);
};

static const struct builtin builtins[] = {
    { "cd", builtin_cd },
    { "pwd", builtin_pwd },
    { "exit", builtin_exit },
    { "export", builtin_export },
    { "unset", builtin_unset },
    { "wait", builtin_wait },
    { ":", builtin_colon },
};

static const struct builtin* find_builtin(const char* name)
{
    for (size_t k = 0; k < sizeof(builtins) / sizeof(builtins[0]); k++)
        if (strcmp(builtins[k].name, name) == 0)
            return &builtins[k];
    return NULL;
}

/* ---- simple commands, pipelines, lists ---- */

/* An assignment NAME=value, expanded. */
struct assignment {
    char* name;
    char* value;
};

/*
 * Expands cmd's assignments into out (struct assignment*), each one after
 * the one before it has been set when apply is set (alone or before a
 * builtin: A=1 B=$A makes B 1). False after reporting an error.
 */
static bool expand_assignments(struct node* cmd, struct vec* out, bool apply)
{
    for (size_t k = 0; k < cmd->assignments.count; k++) {
        const char* raw = cmd->assignments.items[k];
        size_t length = name_length(raw);
        struct assignment* a = arena_alloc(sizeof(*a));
        a->name = arena_strndup(raw, length);
        a->value = expand_string(raw + length + 1);
        if (!a->value)
            return false;
        if (apply)
            set_var(a->name, a->value);
        vec_push(out, a);
    }
    return true;
}

/*
 * In a child: applies cmd's redirections, puts the assignments in the
 * environment and executes argv; never returns (127: not found, 126: could
 * not execute, 1: a redirection failed).
 */
static void exec_command(struct node* cmd, char** argv, struct vec* assignments)
{
    if (!apply_redirects(cmd, NULL))
        exit(1);
    for (size_t k = 0; k < assignments->count; k++) {
        struct assignment* a = assignments->items[k];
        if (setenv(a->name, a->value, 1) < 0) {
            complain("%s: %s", a->name, strerror(errno));
            exit(126);
        }
    }
    execvp(argv[0], argv);
    int error = errno;
    if (error == ENOENT) {
        complain("%s: not found", argv[0]);
        exit(127);
    }
    complain("%s: %s", argv[0], strerror(error));
    exit(126);
}

/* Runs builtin (NULL: none, status 0) in the shell itself, with cmd's redirections around it. */
static int run_in_shell(struct node* cmd, const struct builtin* builtin, int argc, char** argv)
{
    struct vec saved = { 0 };
    int status = 1;
    if (apply_redirects(cmd, &saved))
        status = builtin ? builtin->run(argc, argv) : 0;
    fflush(stdout);
    restore_fds(&saved);
    return status;
}

/* Runs a simple command; forked: this process is a child that may become the command. */
static int run_simple(struct node* cmd, bool forked)
{
    struct vec args = { 0 }, assignments = { 0 };
    for (size_t k = 0; k < cmd->words.count; k++)
        if (!expand_word(cmd->words.items[k], &args, true))
            return 1;
    int argc = (int)args.count;
    vec_push(&args, NULL);
    char** argv = (char**)args.items;
    const struct builtin* builtin = argc ? find_builtin(argv[0]) : NULL;
    bool in_shell = argc == 0 || builtin;
    if (!expand_assignments(cmd, &assignments, in_shell))
        return 1;
    if (in_shell)
        return run_in_shell(cmd, builtin, argc, argv);
    if (forked)
        exec_command(cmd, argv, &assignments);
    pid_t pid = spawn();
    if (pid < 0)
        return 1;
    if (pid == 0)
        exec_command(cmd, argv, &assignments);
    return wait_for(pid);
}

/* In a pipeline's child: input (if not -1) becomes fd 0 and output (if not -1) fd 1; other_end is closed. */
static void connect_child(int input, int output, int other_end)
{
    if (input >= 0) {
        dup2(input, 0);
        close(input);
    }
    if (output >= 0) {
        dup2(output, 1);
        close(output);
        close(other_end);
    }
}

/* Runs the commands of a pipeline, each in a child; the status of the last one. */
static int run_pipeline(struct node* n)
{
    size_t count = n->items.count, started = 0;
    pid_t* pids = arena_alloc(count * sizeof(pid_t));
    int input = -1;
    for (size_t k = 0; k < count; k++) {
        int fds[2] = { -1, -1 };
        if (k + 1 < count && pipe(fds) < 0) {
            complain("pipe: %s", strerror(errno));
            break;
        }
        pid_t pid = spawn();
        if (pid == 0) {
            connect_child(input, fds[1], fds[0]);
            exit(run_node(n->items.items[k], true));
        }
        if (input >= 0)
            close(input);
        if (fds[1] >= 0)
            close(fds[1]);
        input = fds[0];
        if (pid < 0)
            break;
        pids[started++] = pid;
    }
    if (input >= 0)
        close(input);
    int status = 1;
    for (size_t k = 0; k < started; k++) {
        int s = wait_for(pids[k]);
        if (k + 1 == count)
            status = s;
    }
    return status;
}

/* Starts n in a child with stdin from /dev/null and does not wait; status 0 ($! is its pid). */
static int run_background(struct node* n)
{
    pid_t pid = spawn();
    if (pid < 0)
        return 1;
    if (pid == 0) {
        int null = open("/dev/null", O_RDONLY);
        if (null >= 0 && null != 0) {
            dup2(null, 0);
            close(null);
        }
        exit(run_node(n, true));
    }
    last_background = pid;
    if (interactive)
        fprintf(stderr, "[%d]\n", (int)pid);
    return 0;
}

/* Runs tree n and returns its status, which also becomes $?; forked: see run_simple. */
static int run_node(struct node* n, bool forked)
{
    int status = 0;
    switch (n->type) {
    case N_SIMPLE:
        status = run_simple(n, forked);
        break;
    case N_PIPELINE:
        status = run_pipeline(n);
        break;
    case N_AND:
    case N_OR:
        status = run_node(n->left, false);
        if ((status == 0) == (n->type == N_AND))
            status = run_node(n->right, forked);
        break;
    case N_NOT:
        status = !run_node(n->left, false);
        break;
    case N_BACKGROUND:
        status = run_background(n->left);
        break;
    case N_LIST:
        for (size_t k = 0; k < n->items.count; k++)
            status = run_node(n->items.items[k], forked && k + 1 == n->items.count);
        break;
    }
    last_status = status;
    return status;
}

/* ---- input ---- */

enum source_kind { FROM_TEXT, FROM_FD, FROM_TERMINAL };

/* Where commands come from: a whole text (-c, a script file), or a descriptor read a byte at a time. */
struct source {
    enum source_kind kind;
    const char* name; /* for messages: the script, "-c", or NULL (standard input) */
    const char* text; /* FROM_TEXT */
    size_t pos;       /* FROM_TEXT */
    int fd;           /* FROM_FD, FROM_TERMINAL */
    unsigned line;    /* lines read so far */
};

enum line_result { LINE, END, CANCELLED };

/* Reads one byte from fd into *c, retrying after EINTR: 1, 0 at the end, -1 after reporting an error. */
static int read_byte(int fd, unsigned char* c)
{
    for (;;) {
        ssize_t n = read(fd, c, 1);
        if (n >= 0)
            return (int)n;
        if (errno != EINTR) {
            complain("read: %s", strerror(errno));
            return -1;
        }
    }
}

/* Appends a line of fd (without its newline; NUL bytes dropped) to line. */
static enum line_result read_fd_line(int fd, struct str* line)
{
    bool any = false;
    unsigned char c;
    while (read_byte(fd, &c) > 0) {
        any = true;
        if (c == '\n')
            return LINE;
        if (c)
            str_push(line, (char)c);
    }
    return any ? LINE : END;
}

/* Appends the next line of src's text (without its newline) to line. */
static enum line_result read_text_line(struct source* src, struct str* line)
{
    const char* start = src->text + src->pos;
    if (!*start)
        return END;
    size_t length = strcspn(start, "\n");
    str_append(line, start, length);
    src->pos += length + (start[length] == '\n');
    return LINE;
}

static void echo(const char* text, size_t length)
{
    write(2, text, length);
}

#define KEY_CTRL_C 0x03
#define KEY_CTRL_D 0x04
#define KEY_BACKSPACE 0x08
#define KEY_CTRL_U 0x15
#define KEY_ESCAPE 0x1b
#define KEY_DELETE 0x7f

/* Erases the last character typed (a whole UTF-8 sequence) after line[start], on the screen too. */
static void erase_char(struct str* line, size_t start)
{
    if (line->length <= start)
        return;
    do
        line->length--;
    while (line->length > start && ((unsigned char)line->data[line->length] & 0xc0) == 0x80);
    line->data[line->length] = '\0';
    echo("\b \b", 3);
}

/* After ESC: reads the rest of an escape sequence (ESC [ ... final, ESC O x, or one character) and drops it. */
static void skip_escape_sequence(int fd)
{
    unsigned char c;
    if (read_byte(fd, &c) <= 0 || (c != '[' && c != 'O'))
        return;
    bool csi = c == '[';
    while (read_byte(fd, &c) > 0)
        if (!csi || (c >= 0x40 && c <= 0x7e))
            return;
}

/* Reads a line typed on fd, echoing and editing it (see the header), and appends it to line. */
static enum line_result edit_line(int fd, struct str* line)
{
    size_t start = line->length;
    unsigned char c;
    for (;;) {
        if (read_byte(fd, &c) <= 0)
            return line->length > start ? LINE : END;
        switch (c) {
        case '\n':
        case '\r':
            echo("\n", 1);
            return LINE;
        case KEY_DELETE:
        case KEY_BACKSPACE:
            erase_char(line, start);
            break;
        case KEY_CTRL_U:
            while (line->length > start)
                erase_char(line, start);
            break;
        case KEY_CTRL_C:
            echo("^C\n", 3);
            return CANCELLED;
        case KEY_CTRL_D:
            if (line->length == start) {
                echo("\n", 1);
                return END;
            }
            break;
        case KEY_ESCAPE:
            skip_escape_sequence(fd);
            break;
        default:
            if (c >= 0x20 || c == '\t') {
                str_push(line, (char)c);
                echo((const char*)&c, 1);
            }
        }
    }
}

/* Appends the next line of src to line (after the prompt, on a terminal). */
static enum line_result read_line(struct source* src, struct str* line, const char* prompt)
{
    enum line_result result;
    if (src->kind == FROM_TEXT) {
        result = read_text_line(src, line);
    } else if (src->kind == FROM_FD) {
        result = read_fd_line(src->fd, line);
    } else {
        /* The terminal is canonical and echoing for the commands; the shell edits its own line in raw mode. */
        struct termios saved, raw;
        bool restore = tcgetattr(src->fd, &saved) == 0;
        if (restore) {
            raw = saved;
            raw.c_lflag &= ~(ICANON | ECHO | ISIG);
            raw.c_cc[VMIN] = 1;
            raw.c_cc[VTIME] = 0;
            tcsetattr(src->fd, TCSANOW, &raw);
        }
        echo(prompt, strlen(prompt));
        result = edit_line(src->fd, line);
        if (restore)
            tcsetattr(src->fd, TCSANOW, &saved);
    }
    if (result == LINE)
        src->line++;
    if (!line->data)
        str_append(line, "", 0);
    return result;
}

/* Reports a syntax error, with where it is when the shell reads a script. */
static void report_syntax_error(const struct source* src, const char* message)
{
    if (interactive)
        complain("%s", message);
    else if (src->name)
        complain("%s: line %u: %s", src->name, src->line, message);
    else
        complain("line %u: %s", src->line, message);
}

/*
 * Parses the command line text, reading more lines while it is unfinished,
 * and runs it. False when the shell must stop: a syntax error, or the end
 * of the input inside a command, when not interactive.
 */
static bool run_command_line(struct source* src, struct str* text)
{
    for (;;) {
        struct node* tree;
        const char* message = NULL;
        enum parse_result result = parse(text->data, &tree, &message);
        if (result == PARSED) {
            run_node(tree, false);
            return true;
        }
        if (result == SYNTAX_ERROR) {
            report_syntax_error(src, message);
            last_status = 2;
            return interactive;
        }
        str_push(text, '\n');
        enum line_result more = read_line(src, text, "> ");
        if (more == CANCELLED)
            return true;
        if (more == END) {
            report_syntax_error(src, "syntax error: unexpected end of file");
            last_status = 2;
            return interactive;
        }
    }
}

/* Runs the commands of src until its end (or exit); returns the last status. */
static int run_source(struct source* src)
{
    const char* prompt = geteuid() == 0 ? "# " : "$ ";
    for (;;) {
        reap_background();
        arena_reset();
        struct str text = { 0 };
        enum line_result result = read_line(src, &text, prompt);
        if (result == END)
            return last_status;
        if (result == LINE && !run_command_line(src, &text))
            return last_status;
    }
}

/* The whole of file path, malloc'ed; exits 127 (missing) or 126 (unreadable, or a binary file) on failure. */
static char* load_script(const char* path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        complain("%s: %s", path, strerror(errno));
        exit(errno == ENOENT ? 127 : 126);
    }
    size_t length = 0, capacity = 4096;
    char* text = xrealloc(NULL, capacity);
    for (;;) {
        if (length + 1 == capacity) {
            capacity *= 2;
            text = xrealloc(text, capacity);
        }
        ssize_t n = read(fd, text + length, capacity - 1 - length);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            complain("%s: %s", path, strerror(errno));
            exit(126);
        }
        if (n == 0)
            break;
        length += (size_t)n;
    }
    close(fd);
    text[length] = '\0';
    if (strlen(text) != length) {
        complain("%s: cannot run a binary file", path);
        exit(126);
    }
    return text;
}

static __attribute__((noreturn)) void usage(void)
{
    fputs("usage: sh [-i] [file [arg...]]\n       sh [-i] -c command [name [arg...]]\n", stderr);
    exit(2);
}

/* Catching (not ignoring) keeps the default action for the commands, which exec resets to. */
static void ignore_terminal_signal(int signal)
{
    (void)signal;
}

int main(int argc, char** argv)
{
    bool force_interactive = false;
    const char* command = NULL;
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        if (strcmp(argv[i], "-i") == 0)
            force_interactive = true;
        else if (strcmp(argv[i], "-c") == 0 && i + 1 < argc)
            command = argv[++i];
        else
            usage();
    }
    struct source src = { .kind = FROM_TEXT };
    script_name = argv[0];
    if (command) {
        src.text = command;
        src.name = "-c";
        if (i < argc)
            script_name = argv[i++];
    } else if (i < argc) {
        src.name = script_name = argv[i++];
        src.text = load_script(src.name);
    } else {
        interactive = force_interactive || isatty(0);
        src.kind = interactive ? FROM_TERMINAL : FROM_FD;
        if (interactive) {
            /* ^C and ^\ go to the whole foreground group: they end the command, not the shell. */
            signal(SIGINT, ignore_terminal_signal);
            signal(SIGQUIT, ignore_terminal_signal);
        }
    }
    positional = argv + i;
    positional_count = argc - i;
    int status = run_source(&src);
    fflush(stdout);
    return status;
}
