"""The shipped vocabularies: valid, large, unambiguous, free of umbrella terms."""
from collections import Counter

import pytest

from graphload.extract.keys import entity_key
from graphload.extract.lexicon import excluded_keys
from graphload.extract.vocab import builtin_patterns

ENTRIES = builtin_patterns()


@pytest.mark.parametrize("entity_type, at_least", [("method", 500), ("dataset", 400), ("metric", 200)])
def test_several_hundred_entries_per_type(entity_type, at_least):
    assert sum(e.type == entity_type for e in ENTRIES) >= at_least


def test_no_alias_names_two_entities():
    owners = Counter()
    for entry in ENTRIES:
        for key in {entity_key(form) for form in entry.forms}:
            owners[key] += 1
    assert [k for k, n in owners.items() if n > 1] == []


def test_no_umbrella_term_is_a_pattern():
    excluded = excluded_keys()
    assert [f for e in ENTRIES for f in e.forms if entity_key(f) in excluded] == []


def test_well_known_aliases_resolve_to_one_entity():
    by_form = {entity_key(f): e.name for e in ENTRIES for f in e.forms}
    assert by_form[entity_key("VAE")] == by_form[entity_key("variational auto-encoder")]
    assert by_form[entity_key("FID")] == by_form[entity_key("Fréchet Inception Distance")]
    assert by_form[entity_key("CIFAR10")] == "CIFAR-10"


def test_known_wrong_merges_stay_apart():
    by_form = {entity_key(f): e.name for e in ENTRIES for f in e.forms}
    assert by_form[entity_key("CelebFaces Attributes Dataset")] == "CelebA"
    assert by_form[entity_key("dataset distillation")] != by_form[entity_key("knowledge distillation")]
    assert entity_key("distillation") not in by_form  # a bare word names no one method
    assert by_form[entity_key("BSDS500")] != by_form[entity_key("BSD100")]
    assert by_form[entity_key("BSD68")] != by_form[entity_key("BSD100")]
    assert by_form[entity_key("FedAvg")] != by_form[entity_key("federated learning")]
    assert by_form[entity_key("SMAC")] != by_form[entity_key("StarCraft II")]
    assert by_form[entity_key("HD95")] != by_form[entity_key("Hausdorff distance")]
