#!/usr/bin/env python3
"""Crash test of unified registration (SPEC §4, issue 5): kill -9 the server under concurrent load, restart it,
and check that every registration the clients saw completed is whole, that none is partial, and that no code
was issued twice.

Usage: scripts/crash-test.py [--bin PATH] [--rounds N] [--clients N] [--seconds S] [--db PATH]

Each round starts `yizhao serve` on the registry, runs N client threads that each accept an application and
approve its three parts (with Idempotency-Keys, retrying across the crash), kills the server with SIGKILL after
a random 1–S seconds, restarts it, lets the clients finish their retries, and then verifies the database with
sqlite3. Exit 0 when every check holds.
"""
import argparse, json, os, random, shutil, signal, sqlite3, subprocess, sys, tempfile, threading, time, urllib.error, urllib.request, uuid

parser = argparse.ArgumentParser()
parser.add_argument("--bin", default=os.environ.get("YIZHAO_BIN", ".build/debug/yizhao"))
parser.add_argument("--rounds", type=int, default=3)
parser.add_argument("--clients", type=int, default=8)
parser.add_argument("--seconds", type=float, default=3.0)
parser.add_argument("--db")
parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "18181")))
args = parser.parse_args()

work = tempfile.mkdtemp(prefix="yizhao-crash-")
db = args.db or os.path.join(work, "registry.db")
base = f"http://127.0.0.1:{args.port}"

def run(*argv):
    return subprocess.run([args.bin, *argv], check=True, capture_output=True, text=True).stdout.strip()

tokens = {role: run("token", "create", "--role", role, "--name", f"crash {role}", "--db", db)
          for role in ["clerk", "reviewer.market", "reviewer.tax", "reviewer.statistics"]}

server = None
def start():
    global server
    log = open(os.path.join(work, "server.log"), "a")
    server = subprocess.Popen([args.bin, "serve", "--db", db, "--port", str(args.port), "--rate-limit", "0", "--log-level", "warning"],
                              stdout=log, stderr=log)
    for _ in range(200):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            return
        except Exception:
            time.sleep(0.05)
    sys.exit("the server did not start")

def call(method, path, role, body, key):
    """One request, retried (same Idempotency-Key) until the server answers."""
    data = json.dumps(body, ensure_ascii=False, sort_keys=True).encode()
    while True:
        request = urllib.request.Request(base + path, data=data, method=method, headers={
            "Authorization": "Bearer " + tokens[role], "Content-Type": "application/json", "Idempotency-Key": key})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")
        except Exception:
            time.sleep(0.05)  # the server is down: retry

example = json.loads(run("application", "example"))
alphabet = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"
seen = {}          # application number -> code, for completions the clients saw
seen_lock = threading.Lock()
stop = threading.Event()

def client(seed):
    rng = random.Random(seed)
    while not stop.is_set():
        form = json.loads(json.dumps(example))
        form["market"]["name"] = "长沙" + "".join(rng.choice(alphabet) for _ in range(4)) + "网络科技有限公司"
        status, body = call("POST", "/v1/applications", "clerk", form, str(uuid.UUID(int=rng.getrandbits(128))))
        if status != 201:
            continue  # a name taken by an earlier application: refused, nothing written
        number = body["number"]
        for department in ["market", "tax", "statistics"]:
            status, body = call("POST", f"/v1/applications/{number}/reviews/{department}", "reviewer." + department,
                                {"decision": "approve"}, str(uuid.UUID(int=rng.getrandbits(128))))
            if status != 200:
                break
        if status == 200 and body.get("state") == "completed":
            with seen_lock:
                seen[number] = body["code"]

start()
for round in range(args.rounds):
    stop.clear()
    threads = [threading.Thread(target=client, args=(round * 1000 + i,)) for i in range(args.clients)]
    for thread in threads: thread.start()
    time.sleep(random.uniform(1.0, args.seconds))
    server.send_signal(signal.SIGKILL)
    server.wait()
    print(f"round {round + 1}: killed the server with {len(seen)} completions seen so far", flush=True)
    start()
    time.sleep(0.5)
    stop.set()
    for thread in threads: thread.join()
server.send_signal(signal.SIGTERM)
server.wait()

# Verification, straight from the database file.
connection = sqlite3.connect(db)
q = lambda sql, *a: connection.execute(sql, a).fetchall()
problems = []
for number, code in seen.items():
    row = q("SELECT state, code FROM applications WHERE number = ?", number)
    if row != [("completed", code)]:
        problems.append(f"{number}: the client saw {code} completed, the registry has {row}")
for table in ["business_licenses", "tax_registrations", "statistics_registrations", "name_history", "search_documents"]:
    key = "search_key" if table == "search_documents" else "entity_id"
    column = "e.search_key" if table == "search_documents" else "e.id"
    missing = q(f"SELECT count(*) FROM entities e WHERE NOT EXISTS (SELECT 1 FROM {table} t WHERE t.{key} = {column})")[0][0]
    if missing:
        problems.append(f"{missing} entities have no row in {table} (a partial registration)")
queued = q("SELECT count(*) FROM search_index_queue")[0][0]
if queued:
    problems.append(f"{queued} search entries still queued after a graceful stop (the server indexes them before it exits)")
orphans = q("SELECT count(*) FROM applications a WHERE a.state = 'completed' AND NOT EXISTS (SELECT 1 FROM entities e WHERE e.code = a.code)")[0][0]
if orphans:
    problems.append(f"{orphans} completed applications name no entity")
unfinished = q("""SELECT count(*) FROM entities e WHERE NOT EXISTS (SELECT 1 FROM applications a WHERE a.code = e.code AND a.state = 'completed')""")[0][0]
if unfinished:
    problems.append(f"{unfinished} entities belong to no completed application")
duplicates = q("SELECT count(*) - count(DISTINCT code), count(*) - count(DISTINCT subject_id) FROM entities")[0]
if duplicates != (0, 0):
    problems.append(f"codes issued twice: {duplicates}")
feed = q("SELECT count(*) FROM change_feed WHERE change = 'registered'")[0][0]
entities = q("SELECT count(*) FROM entities")[0][0]
if feed != entities:
    problems.append(f"{entities} entities but {feed} registrations in the change feed")
integrity = q("PRAGMA integrity_check")[0][0]
if integrity != "ok":
    problems.append(f"integrity_check: {integrity}")
print(f"{args.rounds} kills; {len(seen)} completions seen by clients; {entities} entities in the registry")
for problem in problems[:50]:
    print("problem:", problem)
if problems:
    print(f"registry and server log kept for inspection in {work}")
else:
    shutil.rmtree(work, ignore_errors=True)  # a given --db is outside it and stays
sys.exit(1 if problems else 0)
