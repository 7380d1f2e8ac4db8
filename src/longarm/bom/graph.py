"""The bill of materials as a directed acyclic graph over item ids."""

from __future__ import annotations

from longarm.domain.case import Case


def find_cycle(case: Case) -> list[str]:
    """Return one cycle as [a, b, ..., a], or [] when the bill of materials is acyclic."""
    children = {i.id: [c.item for c in i.components] for i in case.items}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    for root in children:
        if state.get(root):
            continue
        path: list[str] = []
        stack: list[tuple[str, int]] = [(root, 0)]
        while stack:
            node, index = stack.pop()
            if index == 0:
                state[node] = 1
                path.append(node)
            kids = children.get(node, [])
            if index < len(kids):
                stack.append((node, index + 1))
                child = kids[index]
                if state.get(child) == 1:
                    return [*path[path.index(child) :], child]
                if not state.get(child):
                    stack.append((child, 0))
            else:
                state[node] = 2
                path.pop()
    return []
