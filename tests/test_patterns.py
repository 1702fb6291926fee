"""The shipped vocabularies: valid, large, unambiguous, free of umbrella terms;
and the list of names that are not entities (tasks, fields, modalities, venues, hardware, ...)."""
import json
from collections import Counter
from importlib import resources

import pytest

from graphload.extract.keys import entity_key
from graphload.extract.lexicon import english_words, excluded_keys
from graphload.extract.vocab import BUILTIN_FILES, builtin_patterns, is_case_sensitive

ENTRIES = builtin_patterns()
PATTERNS = resources.files("graphload.extract") / "patterns"
LABEL_OF_FILE = {"methods.jsonl": "METHOD", "datasets.jsonl": "DATASET", "metrics.jsonl": "METRIC"}
NON_ENTITY_KINDS = ("task", "field", "modality", "venue", "hardware", "software", "organization", "condition", "concept")


@pytest.mark.parametrize("entity_type, at_least", [("method", 1800), ("dataset", 1100), ("metric", 400)])
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


@pytest.mark.parametrize("file_name", BUILTIN_FILES)
def test_every_line_is_one_well_formed_entry(file_name):
    names = []
    for number, line in enumerate((PATTERNS / file_name).read_text(encoding="utf-8").splitlines(), start=1):
        where = f"{file_name}:{number}"
        row = json.loads(line)
        assert list(row) == ["label", "name", "aliases"], where
        assert row["label"] == LABEL_OF_FILE[file_name], where
        assert row["name"] and row["name"] == row["name"].strip(), where
        assert all(a and a == a.strip() and "," not in a for a in row["aliases"]), where
        assert len(set(row["aliases"])) == len(row["aliases"]) and row["name"] not in row["aliases"], where
        names.append(row["name"])
    assert names == sorted(names, key=str.lower), f"{file_name} is kept in name order so additions diff cleanly"


def test_no_alias_is_an_everyday_word():
    """An alias matched in any case must not be a word of ordinary prose ("distillation", "warmup",
    "forgetting"): it would tag every sentence that uses the word. The name's own inflections are fine."""
    words = english_words()
    everyday = [(e.name, a) for e in ENTRIES for a in e.aliases
                if not is_case_sensitive(a) and len(a.split()) == 1 and a.lower() in words and entity_key(a) != e.key]
    assert everyday == []


# Each names two well-known things (LDA: linear discriminant analysis / latent Dirichlet allocation,
# MPC: model predictive control / multi-party computation, BNN: Bayesian / binarized neural network,
# GAE: graph autoencoder / generalized advantage estimation, FMA: Free Music Archive / fused
# multiply-add, ...). A paper's own definition resolves them; a vocabulary guess would merge two entities.
AMBIGUOUS_ACRONYMS = ("LDA", "VI", "MPC", "BNN", "GAE", "DMD", "GEM", "PRM", "ALS", "MSD", "GLM", "AST",
                      "DCN", "HAN", "KGE", "VDM", "DER", "ATE", "MLS", "LSP", "PMF", "CUT", "ACT", "FMA")


def test_ambiguous_acronyms_are_left_to_the_paper():
    forms = {f for e in ENTRIES for f in e.forms}
    assert [a for a in AMBIGUOUS_ACRONYMS if a in forms] == []


@pytest.mark.parametrize("entity_type, form", [
    # vision, language, speech, RL, graphs, recommendation, time series, tabular, medical imaging
    ("method", "Swin"), ("method", "ConvNeXt"), ("method", "Mask2Former"), ("method", "ViTPose"),
    ("method", "LoRA"), ("method", "Llama 3.1 8B"), ("method", "ORPO"), ("method", "Conv-TasNet"),
    ("method", "x-vectors"), ("method", "DrQ-v2"), ("method", "C51"), ("method", "GraphGPS"), ("method", "NGCF"),
    ("method", "PatchTST"), ("method", "Chronos"), ("method", "TabPFN"), ("method", "SMOTE"), ("method", "MedSAM"),
    ("method", "FedAvg"), ("method", "label smoothing"), ("method", "beam search"), ("method", "weight decay"),
    ("dataset", "CelebFaces Attributes"), ("dataset", "NTU RGB+D 120"), ("dataset", "LibriSpeech"),
    ("dataset", "CHiME-6"), ("dataset", "D4RL"), ("dataset", "SMAC"), ("dataset", "ogbn-arxiv"),
    ("dataset", "Coauthor CS"), ("dataset", "MIND"), ("dataset", "Yelp2018"), ("dataset", "PEMS08"),
    ("dataset", "ETTh1"), ("dataset", "UCI Adult"), ("dataset", "HIGGS"), ("dataset", "BraTS"),
    ("dataset", "MIMIC-CXR"), ("dataset", "LUNA16"),
    ("metric", "word error rate"), ("metric", "CER"), ("metric", "NDCG@10"), ("metric", "HR@10"),
    ("metric", "Dice score"), ("metric", "HD95"), ("metric", "MSLE"), ("metric", "CRPS"), ("metric", "IQM"),
])
def test_well_known_entities_of_each_area_are_known(entity_type, form):
    by_form = {entity_key(f): e.type for e in ENTRIES for f in e.forms}
    assert by_form.get(entity_key(form)) == entity_type


@pytest.mark.parametrize("name", ["few-shot learning", "Domain Adaptation", "offline RL",
                                  "multi-agent reinforcement learning", "world models", "LLM agents", "fine-tuning",
                                  "overfitting", "catastrophic forgetting"])
def test_settings_roles_and_phenomena_are_excluded(name):
    assert entity_key(name) in excluded_keys()


def non_entities() -> list[dict]:
    text = (PATTERNS / "non-entities.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) | {"where": f"non-entities.jsonl:{n}"} for n, line in enumerate(text.splitlines(), 1)]


def test_non_entity_lines_are_well_formed():
    for row in non_entities():
        where = row.pop("where")
        assert list(row) == ["kind", "name", "aliases"], where
        assert row["kind"] in NON_ENTITY_KINDS, where
        assert isinstance(row["name"], str) and row["name"] == row["name"].strip() and row["name"], where
        assert isinstance(row["aliases"], list) and all(isinstance(a, str) and a.strip() == a and a
                                                        for a in row["aliases"]), where


def test_non_entities_cover_each_kind():
    kinds = Counter(row["kind"] for row in non_entities())
    assert {kind: kinds[kind] >= 30 for kind in NON_ENTITY_KINDS} == {kind: True for kind in NON_ENTITY_KINDS}


def test_each_non_entity_is_listed_once_and_is_no_vocabulary_entity():
    owners: dict[str, set] = {}
    for row in non_entities():
        for form in [row["name"]] + row["aliases"]:
            owners.setdefault(entity_key(form), set()).add(row["name"])
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}
    vocabulary = {entity_key(f): e.name for e in ENTRIES for f in e.forms}
    assert {k: vocabulary[k] for k in owners if k in vocabulary} == {}


@pytest.mark.parametrize("kind, form", [
    ("task", "object detection"), ("task", "semantic segmentation"), ("task", "machine translation"),
    ("task", "speech recognition"), ("task", "link prediction"), ("field", "computer vision"), ("field", "NLP"),
    ("modality", "LiDAR scans"), ("modality", "point clouds"), ("modality", "RGB images"), ("venue", "CVPR"),
    ("venue", "NeurIPS"), ("venue", "ICML"), ("venue", "ACL"), ("venue", "arXiv"), ("hardware", "GPU"),
    ("hardware", "TPUs"), ("hardware", "A100"),
])
def test_names_the_issue_gives_have_their_kind(kind, form):
    kind_of = {entity_key(f): row["kind"] for row in non_entities() for f in [row["name"]] + row["aliases"]}
    assert kind_of.get(entity_key(form)) == kind
