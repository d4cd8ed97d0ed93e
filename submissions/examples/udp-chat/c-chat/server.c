/*
 * server.c - UDP chat room server
 *
 * Protocol (plain text, one command per datagram):
 *   client -> server   JOIN <name> <password>
 *                      MSG <text>
 *                      QUIT
 *   server -> client   OK <name>
 *                      ERR <reason>
 *                      MSG <name>: <text>
 *                      INFO <text>
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#define PORT 9999
#define PASSWORD "123"
#define MAX_CLIENTS 32
#define BUF_SIZE 2048
#define NAME_LEN 32

struct client {
    int used;
    struct sockaddr_in addr;
    char name[NAME_LEN];
};

static struct client clients[MAX_CLIENTS];
static int sock;

static int same_addr(const struct sockaddr_in *a, const struct sockaddr_in *b)
{
    return a->sin_addr.s_addr == b->sin_addr.s_addr && a->sin_port == b->sin_port;
}

static int find_by_addr(const struct sockaddr_in *addr)
{
    for (int i = 0; i < MAX_CLIENTS; i++)
        if (clients[i].used && same_addr(&clients[i].addr, addr))
            return i;
    return -1;
}

static int find_by_name(const char *name)
{
    for (int i = 0; i < MAX_CLIENTS; i++)
        if (clients[i].used && strcmp(clients[i].name, name) == 0)
            return i;
    return -1;
}

static void send_to(const struct sockaddr_in *addr, const char *text)
{
    sendto(sock, text, strlen(text), 0, (const struct sockaddr *)addr, sizeof(*addr));
}

/* send to every client except the one at index skip (-1 = nobody skipped) */
static void broadcast(const char *text, int skip)
{
    for (int i = 0; i < MAX_CLIENTS; i++)
        if (clients[i].used && i != skip)
            send_to(&clients[i].addr, text);
}

static void handle_join(char *args, struct sockaddr_in *from)
{
    char reply[BUF_SIZE];
    char *name = args;
    char *password = strchr(args, ' ');
    int slot;

    if (password == NULL) {
        send_to(from, "ERR Invalid join request");
        return;
    }
    *password++ = '\0';

    if (strcmp(password, PASSWORD) != 0) {
        printf("join refused for %s (%s:%d): wrong password\n", name,
               inet_ntoa(from->sin_addr), ntohs(from->sin_port));
        send_to(from, "ERR Incorrect password");
        return;
    }
    slot = find_by_name(name);
    if (slot >= 0 && !same_addr(&clients[slot].addr, from)) {
        printf("join refused for %s: name taken\n", name);
        send_to(from, "ERR Name already taken");
        return;
    }
    if (slot < 0) {
        for (slot = 0; slot < MAX_CLIENTS && clients[slot].used; slot++)
            ;
        if (slot == MAX_CLIENTS) {
            send_to(from, "ERR Room is full");
            return;
        }
        clients[slot].used = 1;
        clients[slot].addr = *from;
        snprintf(clients[slot].name, NAME_LEN, "%.31s", name);
    }
    printf("%s joined from %s:%d\n", clients[slot].name,
           inet_ntoa(from->sin_addr), ntohs(from->sin_port));

    snprintf(reply, sizeof(reply), "OK %s", clients[slot].name);
    send_to(from, reply);
    snprintf(reply, sizeof(reply), "INFO %s joined the room", clients[slot].name);
    broadcast(reply, slot);
}

int main(void)
{
    struct sockaddr_in addr, from;
    socklen_t fromlen;
    char buf[BUF_SIZE], out[BUF_SIZE + 64];
    ssize_t n;
    int idx;

    sock = socket(AF_INET, SOCK_DGRAM, 0);
    if (sock < 0) {
        perror("socket");
        return 1;
    }
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons(PORT);
    if (bind(sock, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
        perror("bind");
        return 1;
    }
    printf("Chat server running on port %d\n", PORT);

    for (;;) {
        fromlen = sizeof(from);
        n = recvfrom(sock, buf, sizeof(buf) - 1, 0, (struct sockaddr *)&from, &fromlen);
        if (n < 0) {
            perror("recvfrom");
            continue;
        }
        buf[n] = '\0';
        buf[strcspn(buf, "\r\n")] = '\0';

        if (strncmp(buf, "JOIN ", 5) == 0) {
            handle_join(buf + 5, &from);
            continue;
        }

        idx = find_by_addr(&from);
        if (idx < 0) {
            /* not in the room: ignore whatever it sends */
            printf("ignored datagram from unknown %s:%d\n", inet_ntoa(from.sin_addr), ntohs(from.sin_port));
            continue;
        }

        if (strncmp(buf, "MSG ", 4) == 0) {
            printf("%s: %s\n", clients[idx].name, buf + 4);
            snprintf(out, sizeof(out), "MSG %s: %s", clients[idx].name, buf + 4);
            broadcast(out, idx);
        } else if (strcmp(buf, "QUIT") == 0) {
            printf("%s left\n", clients[idx].name);
            snprintf(out, sizeof(out), "INFO %s left the room", clients[idx].name);
            clients[idx].used = 0;
            broadcast(out, -1);
        } else {
            printf("unknown command from %s: %s\n", clients[idx].name, buf);
        }
    }
    return 0;
}
