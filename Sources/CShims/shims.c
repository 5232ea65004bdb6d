#define _XOPEN_SOURCE 600
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "spsh_shims.h"

CURLcode spsh_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}
CURLcode spsh_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}
CURLcode spsh_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}
CURLcode spsh_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}
CURLcode spsh_curl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}
CURLcode spsh_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *list) {
    return curl_easy_setopt(handle, option, list);
}
CURLcode spsh_curl_setopt_data_callback(CURL *handle, CURLoption option, spsh_curl_data_fn callback) {
    return curl_easy_setopt(handle, option, callback);
}
const unsigned long spsh_curl_auth_digest = CURLAUTH_DIGEST;
const unsigned long spsh_curl_auth_basic = CURLAUTH_BASIC;

int spsh_el_set_prompt(EditLine *el, spsh_el_prompt_fn prompt) { return el_set(el, EL_PROMPT, prompt); }
int spsh_el_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
int spsh_el_set_hist(EditLine *el, History *hist) { return el_set(el, EL_HIST, history, hist); }
int spsh_el_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }
int spsh_el_set_addfn(EditLine *el, const char *name, const char *help, spsh_el_command_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}
int spsh_el_set_bind(EditLine *el, const char *key, const char *command) {
    return el_set(el, EL_BIND, key, command, NULL);
}
int spsh_el_set_clientdata(EditLine *el, void *data) { return el_set(el, EL_CLIENTDATA, data); }
void *spsh_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}

int spsh_history_setsize(History *hist, int size) {
    HistEvent event;
    return history(hist, &event, H_SETSIZE, size);
}
int spsh_history_enter(History *hist, const char *line) {
    HistEvent event;
    return history(hist, &event, H_ENTER, line);
}
int spsh_history_clear(History *hist) {
    HistEvent event;
    return history(hist, &event, H_CLEAR);
}

int spsh_pty_open(char *name, unsigned long capacity) {
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0) return -1;
    const char *path = NULL;
    if (grantpt(master) != 0 || unlockpt(master) != 0 || (path = ptsname(master)) == NULL ||
        strlen(path) >= capacity) {
        close(master);
        return -1;
    }
    strcpy(name, path);
    return master;
}
