"""Flow validation in linear time: the one-pass reachability agrees with a search per pair."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from kiosk.core.flow_graph import Reachability
from kiosk.core.flow_loader import read_flow
from kiosk.core.validation import indicator_tags


def searched(edges: dict[str, list[str]], source: str) -> set[str]:
    seen, stack = set(), [source]
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        stack.extend(t for t in edges[node] if t in edges)
    return seen


@pytest.mark.parametrize("seed", range(12))
def test_one_pass_agrees_with_a_search_from_every_source(seed: int) -> None:
    rng = random.Random(seed)
    nodes = [f"n{i}" for i in range(rng.randint(1, 60))]
    edges = {
        node: [rng.choice(nodes) for _ in range(rng.randint(0, 3))] + (["gone"] if i % 7 else [])
        for i, node in enumerate(nodes)
    }
    sources = rng.sample(nodes, k=min(len(nodes), rng.randint(1, 20)))
    reach = Reachability(nodes, lambda node: edges[node], sources)
    for source in sources:
        expected = searched(edges, source)
        for node in nodes:
            assert reach.reaches(source, node) == (node in expected), (seed, source, node)
    assert not reach.reaches(sources[0], "gone")
    assert not reach.reaches("not a source", nodes[0])


def test_a_20000_node_chain_does_not_recurse() -> None:
    nodes = [f"n{i}" for i in range(20000)]
    edges = {
        node: [nodes[i + 1]] if i + 1 < len(nodes) else [nodes[0]] for i, node in enumerate(nodes)
    }
    reach = Reachability(nodes, lambda node: edges[node], ["n19999", "n5"])
    assert reach.reaches("n19999", "n0") and reach.reaches("n5", "n4")  # one big cycle


def test_shipped_flows_give_the_same_problems_as_before(repo_root: Path) -> None:
    """The shipped flows validate clean, and a condition naming a later question is still
    caught (the check the quadratic search made)."""
    tags = indicator_tags()
    for path in sorted((repo_root / "flows").glob("*.yaml")):
        flow, problems = read_flow(path, tags)
        assert flow is not None and [p for p in problems if not p.warning] == [], path


def test_a_question_asked_later_is_still_caught(tmp_path: Path) -> None:
    flow = tmp_path / "late.yaml"
    flow.write_text(
        "format: 1\nflow: late\nversion: 1\ntitle: Late\nnodes:\n"
        "  - {id: first, kind: info, text: Hi, when: \"later == 'yes'\"}\n"
        "  - {id: later, kind: question, type: yes_no, text: Q}\n"
        "  - {id: done, kind: end}\n",
        encoding="utf-8",
    )
    _flow, problems = read_flow(flow)
    assert any("'later', which is never asked before node 'first'" in p.message for p in problems)
