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


@pytest.mark.parametrize("entity_type, at_least", [("method", 2600), ("dataset", 1450), ("metric", 540)])
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
    # from the abstracts of older conference papers (statistical NLP, speech and vision before deep learning)
    ("method", "maximum entropy model"), ("method", "PCFG"), ("method", "MERT"), ("method", "WFST"),
    ("method", "eigenfaces"), ("method", "Fisherfaces"), ("method", "improved iterative scaling"),
    ("method", "structured perceptron"), ("method", "transductive SVM"), ("method", "latent semantic indexing"),
    ("method", "Haar-like features"), ("method", "variational Bayes"), ("dataset", "FERET"),
    ("dataset", "UCI repository"), ("metric", "recognition rate"),
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


def excluded_lines() -> list[tuple[int, str]]:
    text = (PATTERNS / "excluded.txt").read_text(encoding="utf-8")
    return [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.startswith("#")]


def test_excluded_names_are_listed_once_and_name_no_entity():
    """An excluded name that is also a vocabulary entry would be two contradicting instructions
    (a field such as NLP may be both excluded and a non-entity: both keep it out)."""
    seen: dict[str, int] = {}
    for number, line in excluded_lines():
        assert line == line.strip() and "," not in line, f"excluded.txt:{number}"
        assert entity_key(line) not in seen, f"excluded.txt:{number} repeats line {seen.get(entity_key(line))}"
        seen[entity_key(line)] = number
    listed = {entity_key(f) for e in ENTRIES for f in e.forms}
    assert sorted(line for _, line in excluded_lines() if entity_key(line) in listed) == []


def test_the_loader_reads_every_non_entity_line():
    from graphload.extract.vocab import NON_ENTITY, non_entities as loaded, non_entity_keys
    rows = non_entities()
    assert len(loaded()) == len(rows) and {e.type for e in loaded()} == {NON_ENTITY}
    assert {e.source.rsplit("(", 1)[1].rstrip(")") for e in loaded()} == set(NON_ENTITY_KINDS)
    assert {entity_key(f) for row in rows for f in [row["name"]] + row["aliases"]} == non_entity_keys()


@pytest.mark.parametrize("kind, form", [
    ("condition", "ADHD"), ("condition", "Alzheimer's disease"), ("condition", "COVID-19"),
    ("condition", "diabetic retinopathy"), ("concept", "ordinary differential equations"),
    ("concept", "Turing machine"), ("concept", "bfloat16"), ("concept", "i.i.d."), ("modality", "sEEG"),
    ("modality", "magnetoencephalography"), ("task", "motor imagery"), ("task", "symbolic regression"),
    ("task", "Uncertainty Quantification"), ("task", "missing data imputation"),
    ("software", "Caffe"), ("venue", "ISMIR"), ("hardware", "SpiNNaker"), ("organization", "NIH"),
])
def test_conditions_concepts_and_more_kinds_are_non_entities(kind, form):
    kind_of = {entity_key(f): row["kind"] for row in non_entities() for f in [row["name"]] + row["aliases"]}
    assert kind_of.get(entity_key(form)) == kind


@pytest.mark.parametrize("entity_type, form, name", [
    # metrics across areas, by their acronym and by their spelled-out name
    ("metric", "pass@100", "pass@100"), ("metric", "Hits@3", "Hits@3"), ("metric", "HR@20", "HR@20"),
    ("metric", "SI-SDRi", "SI-SDR improvement"), ("metric", "higher order tracking accuracy", "HOTA"),
    ("metric", "percentage of correct keypoints", "PCK"), ("metric", "mean absolute scaled error", "MASE"),
    ("metric", "LAMR", "log-average miss rate"), ("metric", "BWT", "backward transfer"),
    ("metric", "NPMI", "NPMI"), ("metric", "structural Hamming distance", "structural Hamming distance"),
    ("metric", "variational lower bound", "evidence lower bound"), ("metric", "AP@0.75", "AP75"),
    # methods of 2012-2025 and the long forms papers define
    ("method", "ConvLSTM", "ConvLSTM"), ("method", "convolutional LSTM", "ConvLSTM"),
    ("method", "deep learning recommendation model", "DLRM"), ("method", "FISTA", "FISTA"),
    ("method", "spatial transformer networks", "spatial transformer network"), ("method", "GPipe", "GPipe"),
    ("method", "Slot Attention", "Slot Attention"), ("method", "EEGNet", "EEGNet"), ("method", "HEVC", "HEVC"),
    ("method", "generative pre-trained transformer", "GPT"), ("method", "neural fields", "implicit neural representation"),
    # datasets, benchmarks and environments
    ("dataset", "HICO-DET", "HICO-DET"), ("dataset", "WordSim-353", "WordSim-353"), ("dataset", "NQ", "Natural Questions"),
    ("dataset", "ARC-AGI", "Abstraction and Reasoning Corpus"), ("dataset", "GPQA Diamond", "GPQA"),
    ("dataset", "Habitat", "AI Habitat"), ("dataset", "MSLR-WEB30K", "MSLR-WEB30K"),
    ("dataset", "TanksAndTemples", "Tanks and Temples"),
    ("method", "Local Interpretable Model-Agnostic Explanations", "LIME"), ("method", "CSWin", "CSWin Transformer"),
    ("method", "Cross-Shaped Windows Transformer", "CSWin Transformer"),
])
def test_added_entries_resolve_to_their_entity(entity_type, form, name):
    entry = {entity_key(f): e for e in ENTRIES for f in e.forms}.get(entity_key(form))
    assert entry is not None and (entry.type, entry.name) == (entity_type, name)


@pytest.mark.parametrize("form", [
    "metric", "evaluation metric", "large-scale dataset", "training set", "transformer encoder",
    "latent variable model", "conditional generative model", "ASR model", "feedforward neural networks",
    "projection head", "efficient deep learning", "Self-supervised Pretraining", "unsupervised pre-training",
])
def test_generic_phrases_are_excluded(form):
    assert entity_key(form) in excluded_keys()


# Several acronyms name a well-known thing in two fields or two entity types; the vocabulary gives
# them to no one (the paper's definition decides): SHD (Spiking Heidelberg Digits / structural
# Hamming distance), PER (phoneme error rate / prioritized experience replay), OFA (Once-for-All /
# One-For-All), CCNet (criss-cross attention / the web-crawl pipeline), LBP, MPO, LSQ, ANN.
@pytest.mark.parametrize("acronym", ["SHD", "PER", "OFA", "CCNet", "LBP", "MPO", "LSQ"])
def test_acronyms_of_two_well_known_things_are_left_to_the_paper(acronym):
    assert acronym not in {f for e in ENTRIES for f in e.forms}


# Extraction with the shipped lists, on sentences written for these tests.
@pytest.fixture(scope="module")
def extract():
    from graphload.corpus.paper import Paper
    from graphload.extract import Extractor, build_pipeline
    extractor = Extractor(nlp=build_pipeline())

    def found(title: str, abstract: str) -> set[tuple[str, str]]:
        [record] = extractor.extract([Paper.build(title, abstract, id="p")])
        return {(e["type"], e["name"]) for e in record.to_dict()["entities"]}
    return found


def test_new_metrics_are_found_in_a_results_sentence(extract):
    found = extract("Separating speakers and tracking people",
                    "Our separator improves SI-SDRi by 2 dB and PESQ on WHAM!, while the tracker raises HOTA and "
                    "IDF1 on MOT17; the code model reaches 71% pass@100 and the recommender a higher HR@20.")
    assert {("metric", "SI-SDR improvement"), ("metric", "PESQ"), ("metric", "HOTA"), ("metric", "IDF1"),
            ("metric", "pass@100"), ("metric", "HR@20"), ("dataset", "WHAM!"), ("dataset", "MOT17")} <= found


def test_a_defined_acronym_and_the_vocabulary_name_are_one_entity(extract):
    found = extract("Recommendation at scale",
                    "We train a deep learning recommendation model (DLRM) with GPipe pipeline parallelism and "
                    "compare convolutional LSTM (ConvLSTM) forecasters on NN5.")
    assert {("method", "DLRM"), ("method", "GPipe"), ("method", "ConvLSTM"), ("dataset", "NN5")} <= found
    assert not any(name.lower() in {"deep learning recommendation model", "convolutional lstm"} for _, name in found)


def test_conditions_concepts_and_formats_are_not_emitted(extract):
    found = extract("Detecting Attention Deficit Hyperactivity Disorder from Functional Magnetic Resonance Imaging",
                    "We model ADHD and COVID-19 cohorts with Ordinary Differential Equations, train in bfloat16 "
                    "on IID splits, and compare with EEGNet on motor imagery and a Turing Machine baseline.")
    assert found == {("method", "EEGNet")}


def test_generic_phrases_are_not_emitted(extract):
    found = extract("A Large-Scale Dataset for Captioning",
                    "We release a large-scale dataset and a new evaluation metric. A Transformer Encoder with an "
                    "MLP head, a latent variable model and a conditional generative model are compared by CIDEr.")
    # the known model inside a generic phrase stays: a Transformer encoder is a Transformer
    assert found == {("metric", "CIDEr"), ("method", "transformer"), ("method", "multi-layer perceptron")}
