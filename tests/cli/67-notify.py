#!/usr/bin/env python3
# 67-notify.py: helpers of tests/cli/67-notify.sh.
#   smtp DIR      an SMTP server on 127.0.0.1 (a port of the system's
#                 choosing, written to DIR/port), each message received
#                 written to DIR/N.eml; it runs until killed
#   field DIR ID COLUMN  a message's column, from DIR/outbox/*/*.csv
#   show FILE...  each mail as "Message-ID|To|Subject|body" on one line
#                 (the subject and body decoded, line breaks as \n)
import email
import email.policy
import os
import socket
import sys


def smtp(d):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(5)
    with open(os.path.join(d, "port.tmp"), "w") as f:
        f.write("%d\n" % s.getsockname()[1])
    os.rename(os.path.join(d, "port.tmp"), os.path.join(d, "port"))
    n = 0
    while True:
        c, _ = s.accept()
        f = c.makefile("rwb")

        def say(line):
            f.write(line.encode() + b"\r\n")
            f.flush()

        say("220 localhost test SMTP")
        data = None
        while True:
            line = f.readline()
            if not line:
                break
            cmd = line.strip().decode("utf-8", "replace").upper()
            if data is not None:
                if line in (b".\r\n", b".\n"):
                    n += 1
                    path = os.path.join(d, "%d.eml" % n)
                    with open(path + ".tmp", "wb") as m:
                        m.write(b"".join(data))
                    os.rename(path + ".tmp", path)
                    data = None
                    say("250 queued as %d" % n)
                else:
                    if line.startswith(b".."):
                        line = line[1:]
                    data.append(line.replace(b"\r\n", b"\n"))
            elif cmd.startswith("EHLO"):
                f.write(b"250-localhost\r\n250-8BITMIME\r\n")
                say("250 SMTPUTF8")
            elif cmd.startswith("HELO") or cmd.startswith("MAIL") or \
                    cmd.startswith("RCPT") or cmd.startswith("RSET") or \
                    cmd.startswith("NOOP"):
                say("250 ok")
            elif cmd == "DATA":
                data = []
                say("354 go on")
            elif cmd == "QUIT":
                say("221 bye")
                break
            else:
                say("502 not here")
        c.close()


def show(files):
    for p in files:
        with open(p, "rb") as f:
            raw = f.read()
        # a stub's record: ARGS and ID lines before the message
        while raw.startswith(b"ARGS: ") or raw.startswith(b"ID: "):
            raw = raw.split(b"\n", 1)[1]
        m = email.message_from_bytes(raw, policy=email.policy.default)
        body = m.get_content() if not m.is_multipart() else ""
        print("%s|%s|%s|%s" % (m["Message-ID"], m["To"], m["Subject"],
                               body.replace("\n", "\\n")))


def field(d, id, col):
    import csv
    import glob
    for p in sorted(glob.glob(os.path.join(d, "outbox", "*", "*.csv"))):
        with open(p, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row["id"] == id:
                    print(row[col])


if sys.argv[1] == "smtp":
    smtp(sys.argv[2])
elif sys.argv[1] == "field":
    field(*sys.argv[2:5])
else:
    show(sys.argv[2:])
