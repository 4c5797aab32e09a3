"""Hold COUNT idle TCP connections to HOST:PORT for SECONDS, then print how many stayed
open. Used by bench/answer-load.sh to measure the server's memory with idle sockets.

python3 bench/idle.py 127.0.0.1 3901 2000 5
"""
import socket
import sys
import time


def main(host, port, count, seconds):
    held = []
    for _ in range(count):
        s = socket.create_connection((host, port), timeout=5)
        held.append(s)
    time.sleep(seconds)
    still_open = 0
    for s in held:
        s.setblocking(False)
        try:
            still_open += s.recv(1) != b""
        except BlockingIOError:
            still_open += 1
        except OSError:
            pass
        s.close()
    print(f"IDLE opened={count} still_open={still_open}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]))
