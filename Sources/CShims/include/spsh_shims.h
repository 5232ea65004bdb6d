// Typed, non-variadic wrappers around variadic C calls (STYLE.md §2.2). No logic: each forwards its call
// and returns the library's status.
#ifndef SPSH_SHIMS_H
#define SPSH_SHIMS_H

#include <curl/curl.h>
#include <histedit.h>

// libcurl
CURLcode spsh_curl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode spsh_curl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode spsh_curl_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode spsh_curl_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode spsh_curl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
CURLcode spsh_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *list);
// The shape of CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION callbacks.
typedef size_t (*spsh_curl_data_fn)(char *data, size_t size, size_t count, void *userdata);
CURLcode spsh_curl_setopt_data_callback(CURL *handle, CURLoption option, spsh_curl_data_fn callback);
// CURLAUTH_DIGEST and CURLAUTH_BASIC, which are casts in macros that Swift cannot import.
extern const unsigned long spsh_curl_auth_digest;
extern const unsigned long spsh_curl_auth_basic;

// libedit: el_set / el_get
typedef char *(*spsh_el_prompt_fn)(EditLine *);
typedef unsigned char (*spsh_el_command_fn)(EditLine *, int);
int spsh_el_set_prompt(EditLine *el, spsh_el_prompt_fn prompt);
int spsh_el_set_editor(EditLine *el, const char *mode);
int spsh_el_set_hist(EditLine *el, History *hist);
int spsh_el_set_signal(EditLine *el, int on);
int spsh_el_set_addfn(EditLine *el, const char *name, const char *help, spsh_el_command_fn fn);
int spsh_el_set_bind(EditLine *el, const char *key, const char *command);
int spsh_el_set_clientdata(EditLine *el, void *data);
void *spsh_el_get_clientdata(EditLine *el);

// libedit: history
int spsh_history_setsize(History *hist, int size);
int spsh_history_enter(History *hist, const char *line);
int spsh_history_clear(History *hist);

// POSIX pseudo-terminals (hidden from Swift by glibc's feature macros): the controlling side, unlocked, with
// the path of the terminal side in `name`. Returns the descriptor, or -1 with errno set. For terminal tests.
int spsh_pty_open(char *name, unsigned long capacity);

#endif
