#!/usr/bin/env bash
# Draws docs/architecture-targets.svg, the graph of Dockmaster's own CMake
# targets (libraries and the app; no tests, no Qt or system libraries), from
# `cmake --graphviz` and Graphviz's dot. Run it inside the build environment
# after changing a target's links:
#   packaging/dockmaster run packaging/architecture-graph.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=build/architecture-graph
rm -rf "$out"
mkdir -p "$out"
# CMake reads the graph options from the build folder.
cat >"$out/CMakeGraphVizOptions.cmake" <<'CMAKE'
set(GRAPHVIZ_GRAPH_NAME "Dockmaster targets")
set(GRAPHVIZ_EXTERNAL_LIBS FALSE)
set(GRAPHVIZ_GENERATE_PER_TARGET FALSE)
set(GRAPHVIZ_GENERATE_DEPENDERS FALSE)
set(GRAPHVIZ_CUSTOM_TARGETS FALSE)
set(GRAPHVIZ_IGNORE_TARGETS "^tst_" "^bench_" "^fuzz_" "_autogen" "_lupdate" "_lrelease" "translations" "_other_files" "_resources_" "_child$")
CMAKE
cmake -S . -B "$out" -G Ninja -DCMAKE_BUILD_TYPE=Debug --graphviz="$out/targets.dot" >/dev/null
# No legend (ellipse: executable, octagon: static library; dotted: private
# link), and left to right reads like the layers: app -> views -> models -> core.
sed -i '/^subgraph clusterLegend {/,/^}/d' "$out/targets.dot"
sed -i 's/^digraph "\(.*\)" {/digraph "\1" {\n    rankdir = "LR";\n    node [fontname = "sans-serif"];/' "$out/targets.dot"
dot -Tsvg "$out/targets.dot" -o docs/architecture-targets.svg
echo "wrote docs/architecture-targets.svg"
