/*
 * A real Kafka-protocol broker for tests: librdkafka's mock cluster behind a tiny CLI.
 *
 *   mock_cluster [--brokers N] topic[:partitions] ...
 *
 * Prints the bootstrap servers ("127.0.0.1:PORT,...") as the first stdout line, then
 * "ready". Reads commands from stdin, one per line:
 *   down   disconnect every broker and refuse new connections (a broker outage)
 *   up     accept connections again
 * Exits on stdin EOF, SIGTERM or SIGINT. Topics are created here because kafkajs's
 * admin createTopics is not supported by the mock.
 */
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t stop_flag = 0;
static void on_signal(int sig) { (void)sig; stop_flag = 1; }

int main(int argc, char **argv) {
  char errstr[512];
  int brokers = 1;
  int first_topic = 1;
  if (argc > 2 && strcmp(argv[1], "--brokers") == 0) {
    brokers = atoi(argv[2]);
    first_topic = 3;
  }
  rd_kafka_conf_t *conf = rd_kafka_conf_new();
  /* The mock cluster lives inside a client handle; a producer is the lightest one. */
  if (rd_kafka_conf_set(conf, "log_level", "0", errstr, sizeof errstr) != RD_KAFKA_CONF_OK) {
    fprintf(stderr, "conf: %s\n", errstr);
    return 1;
  }
  rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
  if (!rk) {
    fprintf(stderr, "rd_kafka_new: %s\n", errstr);
    return 1;
  }
  rd_kafka_mock_cluster_t *mc = rd_kafka_mock_cluster_new(rk, brokers);
  if (!mc) {
    fprintf(stderr, "rd_kafka_mock_cluster_new failed\n");
    return 1;
  }
  for (int i = first_topic; i < argc; i++) {
    char name[256];
    int partitions = 1;
    strncpy(name, argv[i], sizeof name - 1);
    name[sizeof name - 1] = 0;
    char *colon = strchr(name, ':');
    if (colon) {
      *colon = 0;
      partitions = atoi(colon + 1);
    }
    rd_kafka_resp_err_t err = rd_kafka_mock_topic_create(mc, name, partitions, 1);
    if (err) {
      fprintf(stderr, "topic %s: %s\n", name, rd_kafka_err2str(err));
      return 1;
    }
  }
  signal(SIGTERM, on_signal);
  signal(SIGINT, on_signal);
  signal(SIGPIPE, SIG_IGN);
  printf("%s\nready\n", rd_kafka_mock_cluster_bootstraps(mc));
  fflush(stdout);

  char line[128];
  while (!stop_flag && fgets(line, sizeof line, stdin)) {
    if (strncmp(line, "down", 4) == 0) rd_kafka_mock_broker_set_down(mc, -1);
    else if (strncmp(line, "up", 2) == 0) rd_kafka_mock_broker_set_up(mc, -1);
    printf("ok %s", line);
    fflush(stdout);
  }
  rd_kafka_mock_cluster_destroy(mc);
  rd_kafka_destroy(rk);
  return 0;
}
