"""Python's ssl module with its defaults (what urllib and requests use): exit 0 when the handshake and a GET succeed.

    tlslab-fleet probe-client --reject-regex 'certificate refused' -- python3 python_ssl_probe.py {ip} {port} {host} {ca}

Prints "certificate refused" only for a TLS/certificate error, so a timeout on a slow machine is no answer, not a refusal.

Connects to {ip} and sends {host} as SNI and as the name to check, so the lab's dial hosts need no DNS.
"""
import socket
import ssl
import sys

ip, port, host, ca = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
context = ssl.create_default_context(cafile=ca)
try:
    with socket.create_connection((ip, port), timeout=10) as raw:
        with context.wrap_socket(raw, server_hostname=host) as tls:
            tls.sendall(b"GET / HTTP/1.1\r\nHost: " + host.encode() + b"\r\nConnection: close\r\n\r\n")
            print(tls.recv(4096).decode(errors="replace").splitlines()[0])
except (ssl.SSLError, ssl.CertificateError) as e:
    print("certificate refused:", e)
    sys.exit(1)
except OSError as e:
    print("no TLS answer:", e)
    sys.exit(3)
