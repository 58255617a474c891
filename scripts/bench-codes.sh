#!/usr/bin/env bash
# Code-validation benchmarks of docs/PERFORMANCE.md, all measured in one run:
#  1. in-process validation rate on one core (`yizhao bench codes`);
#  2. `yizhao code validate` over a 1,000,000-line file vs python-stdnum's `stdnum.cn.uscc.is_valid`
#     over the same file (both print one verdict per line).
# Usage: scripts/bench-codes.sh [LINES]   (needs a release build and `pip install python-stdnum`)
set -euo pipefail
cd "$(dirname "$0")/.."
lines=${1:-1000000}
bin=${YIZHAO_BIN:-.build-release/release/yizhao}
[ -x "$bin" ] || swift build -c release --scratch-path .build-release --product yizhao
python3 -c 'import stdnum.cn.uscc' 2>/dev/null || pip install -q python-stdnum
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "# machine: $(nproc) cores, $(uname -srm); $(date -u +%Y-%m-%dT%H:%MZ)"
echo "## in process, one core"
taskset -c 0 "$bin" bench codes

echo "## CLI over $lines lines (90% valid, 10% with one character changed)"
"$bin" bench generate-codes --count "$lines" > "$work/codes.txt"
cat > "$work/stdnum_validate.py" <<'PY'
import sys
from stdnum.cn import uscc
out = sys.stdout
for line in sys.stdin:
    code = line.strip()
    if code:
        out.write(code + ("\tvalid\n" if uscc.is_valid(code) else "\tinvalid\n"))
PY
best() { # command... → best wall seconds of 3 runs
  local best=999999
  for _ in 1 2 3; do
    local start end
    start=$(date +%s.%N)
    "$@" < "$work/codes.txt" > "$work/out.txt" || true
    end=$(date +%s.%N)
    best=$(python3 -c "print(min($best, $end - $start))")
  done
  echo "$best"
}
yz=$(best taskset -c 0 "$bin" code validate)
py=$(best taskset -c 0 python3 "$work/stdnum_validate.py")
{ "$bin" code validate < "$work/codes.txt" || true; } | cut -f2 | sort | uniq -c | sed "s/^/yizhao verdicts: /"
python3 "$work/stdnum_validate.py" < "$work/codes.txt" | cut -f2 | sort | uniq -c | sed 's/^/stdnum verdicts: /'
python3 - "$lines" "$yz" "$py" <<'PY'
import sys
lines, yz, py = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
print(f"yizhao code validate\t{yz:.3f} s\t{lines/yz:,.0f} lines/s")
print(f"python-stdnum is_valid\t{py:.3f} s\t{lines/py:,.0f} lines/s")
print(f"ratio (stdnum time / yizhao time)\t{py/yz:.1f}x")
PY
