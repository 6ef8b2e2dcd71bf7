"""Reachability in a flow's graph, for many questions at once, in one pass.

Validation asks, for every question a condition names, whether it can be asked before the node
that holds the condition: "does question Q reach node N?". A search from Q for each such pair
made validation quadratic (8,000 nodes with conditions took 35 s). Instead:

1. the graph is cut into strongly connected components (Tarjan, iterative: a 20,000-node chain
   must not hit Python's recursion limit), which come out sinks first;
2. walking the components sources first, each gets the set of named questions that reach it,
   kept as a bit set in a Python int: its own named questions, plus everything that reaches any
   component pointing into it.

The cost is one pass over nodes and edges, each edge OR-ing two bit sets of at most K bits (K =
questions named in conditions), done by the interpreter in C: for the 20,000-node benchmark this
is a few hundred milliseconds (`bench/bench_validate.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence


class Reachability:
    """Answers `reaches(source, node)` for every source given, after one pass over the graph."""

    def __init__(
        self,
        nodes: Sequence[str],
        successors: Callable[[str], Iterable[str]],
        sources: Iterable[str],
    ) -> None:
        known = set(nodes)
        edges = {node: [t for t in successors(node) if t in known] for node in nodes}
        self._bit = {source: 1 << index for index, source in enumerate(dict.fromkeys(sources))}
        components = _components_sinks_first(nodes, edges)
        self._component: dict[str, int] = {}
        for index, members in enumerate(components):
            for node in members:
                self._component[node] = index
        # reached_by[c]: named sources that reach component c (including its own members).
        reached_by = [0] * len(components)
        for index in range(len(components) - 1, -1, -1):  # sources first
            for node in components[index]:
                reached_by[index] |= self._bit.get(node, 0)
            mask = reached_by[index]
            if not mask:
                continue
            for node in components[index]:
                for target in edges[node]:
                    other = self._component[target]
                    if other != index:
                        reached_by[other] |= mask
        self._reached_by = reached_by

    def reaches(self, source: str, node: str) -> bool:
        """True when `node` can be reached from `source` (a node reaches itself)."""
        bit = self._bit.get(source)
        component = self._component.get(node)
        if bit is None or component is None:
            return False
        return bool(self._reached_by[component] & bit)


def _components_sinks_first(nodes: Sequence[str], edges: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, iteratively; sinks come out first."""
    index_of: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for root in nodes:
        if root in index_of:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, next_edge = work.pop()
            if next_edge == 0:
                index_of[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            targets = edges[node]
            descended = False
            while next_edge < len(targets):
                target = targets[next_edge]
                next_edge += 1
                if target not in index_of:
                    work.append((node, next_edge))
                    work.append((target, 0))
                    descended = True
                    break
                if target in on_stack:
                    low[node] = min(low[node], index_of[target])
            if descended:
                continue
            if low[node] == index_of[node]:
                members = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    members.append(member)
                    if member == node:
                        break
                components.append(members)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return components
