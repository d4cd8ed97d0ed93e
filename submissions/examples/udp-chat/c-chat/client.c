/*
 * client.c - UDP chat room client
 *
 * Asks for the server address, port, username and password, joins the
 * room, then uses select() to wait on the keyboard and the socket at the
 * same time. Type !q to leave.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/select.h>
#include <sys/socket.h>

#define BUF_SIZE 2048

static int sock;
static struct sockaddr_in server;

/* read one line from stdin with read(), so no stdio buffering gets in the way of select() */
static int read_line(char *buf, int size)
{
    int len = 0;
    char c;
    for (;;) {
        ssize_t n = read(0, &c, 1);
        if (n <= 0)
            return len > 0 ? len : -1; /* EOF */
        if (c == '\n')
            break;
        if (c != '\r' && len < size - 1)
            buf[len++] = c;
    }
    buf[len] = '\0';
    return len;
}

static void send_text(const char *text)
{
    sendto(sock, text, strlen(text), 0, (struct sockaddr *)&server, sizeof(server));
}

/* wait up to 3 seconds for the answer to JOIN; returns 1 when accepted */
static int join_room(const char *name, const char *password)
{
    char buf[BUF_SIZE];
    fd_set fds;
    struct timeval tv;
    int attempt;
    ssize_t n;

    snprintf(buf, sizeof(buf), "JOIN %s %s", name, password);
    for (attempt = 0; attempt < 3; attempt++) {
        send_text(buf);
        FD_ZERO(&fds);
        FD_SET(sock, &fds);
        tv.tv_sec = 3;
        tv.tv_usec = 0;
        if (select(sock + 1, &fds, NULL, NULL, &tv) <= 0)
            continue;
        n = recvfrom(sock, buf, sizeof(buf) - 1, 0, NULL, NULL);
        if (n <= 0)
            continue;
        buf[n] = '\0';
        if (strncmp(buf, "OK ", 3) == 0) {
            printf("Welcome %s, you are in the room. Type !q to quit.\n", buf + 3);
            return 1;
        }
        if (strncmp(buf, "ERR ", 4) == 0) {
            printf("Server says: %s\n", buf + 4);
            return 0;
        }
        snprintf(buf, sizeof(buf), "JOIN %s %s", name, password);
    }
    printf("Server does not answer.\n");
    return 0;
}

int main(void)
{
    char ip[64], port_str[16], name[32], password[64];
    char line[BUF_SIZE], buf[BUF_SIZE], out[BUF_SIZE + 8];
    fd_set fds;
    ssize_t n;

    printf("Server IP: ");
    if (read_line(ip, sizeof(ip)) < 0)
        return 0;
    printf("Port: ");
    if (read_line(port_str, sizeof(port_str)) < 0)
        return 0;
    printf("Username: ");
    if (read_line(name, sizeof(name)) < 0)
        return 0;
    printf("Password: ");
    if (read_line(password, sizeof(password)) < 0)
        return 0;

    memset(&server, 0, sizeof(server));
    server.sin_family = AF_INET;
    server.sin_port = htons(atoi(port_str));
    if (inet_pton(AF_INET, ip, &server.sin_addr) != 1) {
        printf("Bad IP address: %s\n", ip);
        return 1;
    }

    sock = socket(AF_INET, SOCK_DGRAM, 0);
    if (sock < 0) {
        perror("socket");
        return 1;
    }

    if (!join_room(name, password))
        return 1;

    for (;;) {
        FD_ZERO(&fds);
        FD_SET(0, &fds);
        FD_SET(sock, &fds);
        if (select(sock + 1, &fds, NULL, NULL, NULL) < 0) {
            if (errno == EINTR)
                continue;
            perror("select");
            break;
        }

        if (FD_ISSET(sock, &fds)) {
            n = recvfrom(sock, buf, sizeof(buf) - 1, 0, NULL, NULL);
            if (n > 0) {
                buf[n] = '\0';
                if (strncmp(buf, "MSG ", 4) == 0)
                    printf("%s\n", buf + 4);
                else if (strncmp(buf, "INFO ", 5) == 0)
                    printf("* %s\n", buf + 5);
            }
        }

        if (FD_ISSET(0, &fds)) {
            if (read_line(line, sizeof(line)) < 0) {
                send_text("QUIT");
                break;
            }
            if (strcmp(line, "!q") == 0) {
                send_text("QUIT");
                break;
            }
            if (line[0] == '\0')
                continue;
            snprintf(out, sizeof(out), "MSG %s", line);
            send_text(out);
        }
    }
    printf("Bye.\n");
    close(sock);
    return 0;
}
