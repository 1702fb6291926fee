"""The corpus-level lexicon and the rules for names no vocabulary holds, on sentences written for these tests."""
import json
import pickle
import random
import re
from pathlib import Path

import pytest

from graphload.corpus.paper import Paper
from graphload.errors import ExtractError
from graphload.extract import Extractor, Lexicon, build_pipeline, extract_partition, learn
from graphload.extract.learned import Sense, display_name, singular_surface

PATTERNS = Path(__file__).parent / "fixtures" / "extract" / "rules-patterns.jsonl"


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(patterns=[PATTERNS], builtin_patterns=False)


@pytest.fixture(scope="module")
def extractor(nlp):
    return Extractor(nlp=nlp)


def entities(extractor, title, abstract=""):
    [record] = extractor.extract([Paper.build(title, abstract, id="p1")])
    return {(e["type"], e["name"]): e for e in record.to_dict()["entities"]}


def by_id(records):
    return {r.id: {(e.type, e.name, e.introduced) for e in r.entities} for r in records}


def as_json(records):
    return {r.id: r.to_json() for r in records}


CORPUS = [
    Paper.build("Glimra: Sparse Ray Fields", "We propose Glimra, a renderer. It beats pixelNeRF on DTU.", id="a"),
    Paper.build("A comparison", "We compare against Glimra and use Masked Spectral Coding Networks.", id="b"),
    Paper.build("Audio codes", "We introduce Masked Spectral Coding Networks (MSCN) for audio.", id="c"),
    Paper.build("Speech", "MSCN and Glimra both fail on noisy speech; we report BLEU scores.", id="d"),
    Paper.build("Signs", "We release a new benchmark, StreetSign-3K, which holds 3,000 signs.", id="e"),
    Paper.build("Transfer", "Training on StreetSign-3K and COCO helps CLIP-based detectors.", id="f"),
]


# 1. The corpus teaches the extractor

def test_a_name_one_paper_introduces_is_found_in_another(extractor):
    found = by_id(extractor.extract(CORPUS))
    assert ("method", "Glimra", True) in found["a"]
    assert ("method", "Glimra", False) in found["b"] and ("method", "Glimra", False) in found["d"]
    assert ("method", "Masked Spectral Coding Network", False) in found["b"]
    assert ("method", "Masked Spectral Coding Network", False) in found["d"]   # the bare acronym MSCN
    assert ("dataset", "StreetSign-3K", True) in found["e"]
    assert ("dataset", "StreetSign-3K", False) in found["f"]


def test_shuffled_input_gives_each_paper_the_same_entities(nlp):
    expected = as_json(Extractor(nlp=nlp).extract(CORPUS))
    for seed in range(3):
        papers = CORPUS[:]
        random.Random(seed).shuffle(papers)
        got = as_json(Extractor(nlp=nlp).extract(papers))
        assert got == expected


def test_any_partitioning_gives_the_same_records(nlp):
    lexicon = learn(CORPUS)
    whole = list(extract_partition(CORPUS, lexicon, nlp=nlp))
    parts = list(extract_partition(CORPUS[3:], lexicon, nlp=nlp)) + list(extract_partition(CORPUS[:3], lexicon, nlp=nlp))
    assert as_json(whole) == as_json(parts) and len(parts) == len(CORPUS)


def test_lexicons_merge_in_any_order_and_pickle():
    first, second = learn(CORPUS[:3]), learn(CORPUS[3:])
    assert first.merge(second) == second.merge(first) == learn(CORPUS)
    assert pickle.loads(pickle.dumps(first)) == first
    assert len(learn(CORPUS)) < 20  # names, not papers


def test_a_sense_is_chosen_by_most_papers_then_alphabetically():
    lexicon = learn([Paper.build("x", "We use Masked Spectral Coding Networks (MSCN).", id="1"),
                     Paper.build("y", "We use Multi Scale Contrast Networks (MSCN).", id="2")])
    assert lexicon.acronym("MSCN").name == "Masked Spectral Coding Network"   # a tie: alphabetical
    more = lexicon.merge(learn([Paper.build("z", "Multi Scale Contrast Networks (MSCN) help.", id="3")]))
    assert more.acronym("MSCN").name == "Multi Scale Contrast Network"        # two papers against one


def test_a_lexicon_seeded_with_known_names_finds_them(nlp):
    seed = Lexicon()
    seed.add_known("dataset", "HarborScenes-12", aliases=["HSC12"])
    [record] = Extractor(nlp=nlp, seed=seed).extract([Paper.build("Boats", "We train on HSC12 and HarborScenes-12.", id="s")])
    [entity] = record.to_dict()["entities"]
    assert (entity["type"], entity["name"], sorted(entity["aliases"])) == ("dataset", "HarborScenes-12",
                                                                         ["HSC12", "HarborScenes-12"])


def test_everyday_words_are_not_looked_for_in_other_papers(extractor):
    papers = [Paper.build("Ripple: Accelerating Inference on Phones", "Ripple reorders neurons.", id="r"),
              Paper.build("Waves", "A Ripple in the water.", id="w")]
    found = by_id(extractor.extract(papers))
    assert ("method", "Ripple", True) in found["r"] and found["w"] == set()


def test_a_stream_learns_within_its_window(nlp):
    extractor = Extractor(nlp=nlp, window=2)
    found = by_id(extractor.extract(iter(CORPUS)))   # a one-shot iterator, as from a pipe
    assert ("method", "Glimra", False) in found["b"]          # same window as paper a
    assert not any(name == "Glimra" for _, name, _ in found["d"])  # paper d's window never saw it introduced


def test_a_paper_introducing_a_known_name_keeps_introduced(extractor):
    found = entities(extractor, "BERT: Pre-training of Deep Bidirectional Transformers",
                     "We introduce a new language representation model called BERT, which stands for ...")
    assert found[("method", "BERT")]["introduced"] is True
    found = entities(extractor, "Optimisers", "We introduce Adam, an algorithm for first-order optimization.")
    assert found[("method", "Adam")]["introduced"] is True
    found = entities(extractor, "Attention", "We propose the Transformer, an architecture built on attention alone.")
    assert [e["introduced"] for (kind, name), e in found.items() if name.lower() == "transformer"] == [True]
    assert entities(extractor, "Fine-tuning", "We fine-tune BERT.")[("method", "BERT")]["introduced"] is False
    assert not entities(extractor, "Study", "We study the problem, an important question.")


# 2. Name-shaped tokens

def test_mixed_case_and_digit_names_are_candidates_with_their_suffixes(extractor):
    found = entities(extractor, "A study", "We evaluate pixelNeRF, GPT-4o, ConvNeXt-V2, Qwen2.5-7B-Instruct and Phi-3-mini.")
    assert {name for _, name in found} == {"pixelNeRF", "GPT-4o", "ConvNeXt-V2", "Qwen2.5-7B-Instruct", "Phi-3-mini"}
    assert {kind for kind, _ in found} == {"method"}


def test_units_hardware_and_escapes_are_not_names(extractor):
    assert entities(extractor, "A study", "A 3D model with 7B weights on an A100 in fp16 (compressionx2013which) at CVPR.") == {}


@pytest.mark.parametrize("abstract", ["Results on COCO and DrivingLanes-9 show gains.",
                                      "We test two benchmarks (COCO and DrivingLanes-9) here."])
def test_an_unknown_name_listed_with_datasets_is_a_dataset(extractor, abstract):
    assert ("dataset", "DrivingLanes-9") in entities(extractor, "A study", abstract)


# 3. Boundaries

def test_usage_suffixes_resolve_to_the_name(extractor):
    found = entities(extractor, "A study", "CLIP-based and GlimraNet-style encoders, ImageNet-pretrained.")
    assert set(found) == {("method", "CLIP"), ("method", "GlimraNet"), ("dataset", "ImageNet")}
    found = entities(extractor, "A study", "Viewers prefer GlimraNet-optimized models to QuorbNet-distilled models.")
    assert set(found) == {("method", "GlimraNet"), ("method", "QuorbNet")}


def test_a_known_term_inside_a_longer_name_is_no_second_entity(extractor):
    found = entities(extractor, "A study", "We build on Graph Attention Networks (GATs) for molecules.")
    assert set(found) == {("method", "Graph Attention Network")}


def test_metric_heads_fold_into_the_metric(extractor):
    found = entities(extractor, "A study", "We report BLEU scores and the FID score.")
    assert set(found) == {("metric", "BLEU"), ("metric", "FID")}


# 4. Cues papers use

def test_apposition_names_a_new_benchmark(extractor):
    found = entities(extractor, "Signs", "We release a new benchmark, StreetSign-3K, which holds signs.")
    assert found[("dataset", "StreetSign-3K")]["introduced"] is True
    found = entities(extractor, "Translation", "We propose a new simple network architecture, the Transformer, based on attention.")
    assert ("method", "Transformer") in found


def test_reversed_acronym_definition(extractor):
    found = entities(extractor, "A study", "A new layer, QNorm (Quantile Feature Normalization), helps. QNorm is cheap.")
    entity = found[("method", "Quantile Feature Normalization")]
    assert entity["aliases"] == ["QNorm", "Quantile Feature Normalization"] and len(entity["mentions"]) == 3


def test_which_we_call(extractor):
    found = entities(extractor, "A study", "We add a layer (which we call Ripplet) to the model.")
    assert found[("method", "Ripplet")]["introduced"] is True


@pytest.mark.parametrize("title", ["Ripple: Accelerating Inference on Phones", "Ripple - Accelerating Inference on Phones"])
def test_title_prefix_that_is_an_english_word_or_set_off_by_a_dash(extractor, title):
    found = entities(extractor, title, "We present a system that speeds up decoding on phones.")
    assert found[("method", "Ripple")]["introduced"] is True


def test_title_fragments_are_not_names(extractor):
    assert ("method", "DenseNets Reloaded") not in entities(extractor, "DenseNets Reloaded: Paradigm Shift", "We revisit them.")
    assert entities(extractor, "Survey: Methods for Vision", "We survey methods.") == {}


# 5. Robust matching

def test_robust_matching_of_known_names(extractor):
    found = entities(extractor, "A study", "We fit Dirichlet Processes on IMAGENET and CELEBA with ResNet-50/101, then COCO-Stuff.")
    assert set(found) == {("method", "Dirichlet process"), ("dataset", "ImageNet"), ("dataset", "CelebA"),
                          ("method", "ResNet-50"), ("method", "ResNet-101"), ("dataset", "COCO-Stuff")}


def test_curly_quotes_and_a_url_broken_after_its_scheme(extractor):
    found = entities(extractor, "A study", "The \u201cCelebA\u201d set and ImageNet\u2019s labels; code at https:// github.com/foo/bar-baz.")
    assert set(found) == {("dataset", "CelebA"), ("dataset", "ImageNet"), ("repo", "github.com/foo/bar-baz")}


# 6. Sense

def test_fields_modalities_venues_and_hardware_are_no_entities(extractor):
    assert entities(extractor, "A study", "Object detection in computer vision from LiDAR scans, at CVPR, on a TPU.") == {}


def test_a_different_distillation_is_not_knowledge_distillation(extractor):
    found = entities(extractor, "A study", "We apply dataset distillation before knowledge distillation.")
    assert found[("method", "knowledge distillation")]["aliases"] == ["knowledge distillation"]
    assert all(e["aliases"] == [name] for (kind, name), e in found.items())  # dataset distillation stays apart


# 7. Names people read

def test_display_names_are_surface_forms_that_do_not_depend_on_the_run(nlp):
    user = Paper.build("Kernels", "NNGPs converge slowly.", id="u")
    plural = Paper.build("P", "Neural Network Gaussian Processes (NNGPs) are kernels.", id="p")
    single = Paper.build("S", "A Neural Network Gaussian Process (NNGP) is a kernel.", id="s")
    names = []
    for run in ([user, plural], [user, single], [user, plural, single]):
        records = by_id(Extractor(nlp=nlp).extract(run))
        names.append(records["u"])
    assert names[0] == names[1] == names[2] == {("method", "Neural Network Gaussian Process", False)}
    assert singular_surface("Mixture of Experts") == "Mixture of Experts"
    assert display_name(["denoising autoencoders", "Denoising Autoencoder"]) == "Denoising Autoencoder"


def test_no_folded_key_is_shown(extractor):
    papers = [Paper.build("Contours", "We propose Contour Denoising Networks (CDNs), a method for colour contours.", id="a"),
              Paper.build("Edges", "CDN beats the contour denoising network baseline on colour edges.", id="b"),
              Paper.build("Maps", "We normalise colour maps with Spectral Normalisation (SpecNorm).", id="c")]
    corpus_words = {w.lower() for p in papers for w in re.findall(r"\w+", p.title + " " + p.abstract)}
    records = list(extractor.extract(papers))
    shown = [(e.name, e.aliases) for r in records for e in r.entities]
    assert ("Contour Denoising Network", ["CDNs", "Contour Denoising Networks"]) in shown
    for name, aliases in shown:
        for word in re.findall(r"\w+", " ".join([name] + aliases).lower()):
            assert word in corpus_words or word.rstrip("s") in corpus_words or word + "s" in corpus_words, (name, word)


# 8. User vocabularies win

def test_a_user_entry_overrides_the_builtin_alias_it_contradicts(tmp_path):
    mine = tmp_path / "mine.jsonl"
    mine.write_text('{"label": "DATASET", "name": "BSDS500", "aliases": ["Berkeley Segmentation Dataset 500"]}\n')
    nlp = build_pipeline(patterns=[mine])  # over the built-in vocabulary, which lists BSDS500 under BSD100
    [record] = Extractor(nlp=nlp).extract([Paper.build("Edges", "We evaluate on BSDS500.", id="x")])
    assert [(e.type, e.name) for e in record.entities] == [("dataset", "BSDS500")]


def test_spacy_entity_ruler_pattern_files_are_accepted(tmp_path):
    ruler = tmp_path / "ruler.jsonl"
    ruler.write_text('{"label": "DATASET", "pattern": "Harbor Scenes", "id": "harbor"}\n'
                     '{"label": "DATASET", "pattern": [{"LOWER": "harbor"}, {"ORTH": "-"}, {"LOWER": "12"}], "id": "harbor"}\n'
                     '{"label": "METHOD", "pattern": [{"LOWER": "blorp"}, {"LOWER": "net"}]}\n')
    nlp = build_pipeline(patterns=[ruler], builtin_patterns=False)
    [record] = Extractor(nlp=nlp).extract([Paper.build("T", "We run blorp net on harbor-12 and Harbor Scenes.", id="x")])
    assert {(e.type, e.name, tuple(e.aliases)) for e in record.entities} == {
        ("dataset", "Harbor Scenes", ("Harbor Scenes", "harbor-12")), ("method", "blorp net", ("blorp net",))}


def test_a_wrong_pattern_file_shows_the_expected_line_format(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('["METHOD", "FooNet"]\n')
    with pytest.raises(ExtractError, match=r'bad.jsonl:1: expected one JSON object per line like \{"label": "METHOD"'):
        build_pipeline(patterns=[bad], builtin_patterns=False)


def test_sense_tuples_are_plain_data():
    assert Sense("method", "glimmer", "Glimra") == ("method", "glimmer", "Glimra")


def test_capitalised_phrases_in_running_text_are_names(extractor):
    found = entities(extractor, "Editing Faces With Latent Codes",
                     "We combine Latent Code Expansion and Attribute Steering Networks, then apply "
                     "Orthogonal Gradient Projection. The Stanford University team met in New York.")
    assert set(found) == {("method", "Latent Code Expansion"), ("method", "Attribute Steering Network"),
                          ("method", "Orthogonal Gradient Projection")}


def test_web_addresses_glued_words_and_adjectives_before_a_known_model_are_no_names(extractor):
    found = entities(extractor, "A study", "See brain-3d.github.io for andDenseCL runs. A Long-term RNN and One RNN help.")
    assert found == {}
    found = entities(extractor, "A study", "At 256times256 for one A100-GPU-hour, CNN-based and LayerNorm-free "
                                           "models beat the sEEG dataset.")
    assert set(found) == {("method", "LayerNorm")}


def test_a_long_form_cut_mid_phrase_is_not_learnt():
    lexicon = learn([Paper.build("T", "We propose Functional Tensor Decomposition for Implicit (FTDI) fields.", id="x")])
    assert "Functional Tensor Decomposition for Implicit" not in lexicon.names


def test_the_cli_learns_from_every_file_before_extracting(tmp_path):
    from typer.testing import CliRunner

    from graphload.cli import app
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "b", "title": "Speech", "abstract": "MSCN fails on noise."}) + "\n")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "a", "title": "Audio", "abstract":
                                                  "We introduce Masked Spectral Coding Networks (MSCN)."}) + "\n")
    result = CliRunner().invoke(app, ["extract", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = {r["id"]: r for r in map(json.loads, result.stdout.splitlines()) if r}
    assert [e["name"] for e in records["b"]["entities"]] == ["Masked Spectral Coding Network"]


def test_a_paper_source_reads_the_same_papers_twice_and_reports_once(tmp_path):
    from graphload.corpus import PaperSource
    path = tmp_path / "papers.jsonl"
    path.write_text('{"id": "1", "title": "One", "abstract": "x"}\nnot json\n{"id": "2", "title": "Two", "abstract": "y"}\n')
    source = PaperSource([path])
    assert [p.id for p in source] == [p.id for p in source] == ["1", "2"]
    assert len(source.report.skipped) == 1


def test_a_paper_source_parses_its_files_three_times_for_two_reads_and_merges_repeats_alike(tmp_path, monkeypatch):
    from graphload.corpus import PaperSource
    from graphload.corpus import read as read_module
    path = tmp_path / "papers.jsonl"
    path.write_text('{"id": "1", "title": "One", "abstract": "x"}\n{"id": "2", "title": "Two", "abstract": "y"}\n'
                    '{"id": "1", "title": "One", "abstract": "x"}\n')
    parses = []
    records = read_module._records
    monkeypatch.setattr(read_module, "_records", lambda *args: parses.append(args[0]) or records(*args))
    source = PaperSource([path])
    first, second = list(source), list(source)
    assert [(p.id, p.sources) for p in first] == [(p.id, p.sources) for p in second] == [
        ("2", (f"{path}:2",)), ("1", (f"{path}:1", f"{path}:3"))]  # the repeated paper held back and merged
    assert len(parses) == 3  # the first read counts the ids and then reads; the second only reads


def test_a_bare_acronym_takes_its_sense_from_definition_then_context_then_vocabulary(tmp_path):
    mine = tmp_path / "mine.jsonl"
    mine.write_text('{"label": "METRIC", "name": "mean absolute error", "aliases": ["MAE"]}\n')
    nlp = build_pipeline(patterns=[mine], builtin_patterns=False)
    papers = [Paper.build("Vision", "We pre-train masked autoencoders (MAE) on images.", id="def"),
              Paper.build("Probing", "We probe the MAE encoder on faces.", id="model"),
              Paper.build("Forecast", "Our forecaster reaches a lower MAE on sales.", id="metric"),
              Paper.build("Plain", "We compare with MAE.", id="plain")]
    found = by_id(Extractor(nlp=nlp).extract(papers))
    assert found["def"] == {("method", "masked autoencoder", False)}
    assert found["model"] == {("method", "masked autoencoder", False)}
    assert found["metric"] == {("metric", "mean absolute error", False)}
    assert found["plain"] == {("metric", "mean absolute error", False)}


def test_we_refer_to_this_as_defines_and_introduces(extractor):
    found = entities(extractor, "Deeper", "We refer to this operation as Depth-Weighted-Average (DWA). DWA weights help.")
    entity = found[("method", "Depth-Weighted-Average")]
    assert entity["introduced"] is True and entity["aliases"] == ["Depth-Weighted-Average", "DWA"]


def test_a_papers_own_acronym_definition_wins_over_another_papers(extractor):
    papers = [Paper.build("Graphs", "We present Graph Mamba Networks (GMNs), a new class of models.", id="mamba"),
              Paper.build("Weights", "Our approach, Graph Metanetworks (GMNs), handles weights. GMNs are equivariant.",
                          id="meta"),
              Paper.build("Uses", "We compare against GMNs on three tasks.", id="user")]
    found = by_id(extractor.extract(papers))
    assert not any("Mamba" in name for _, name, _ in found["meta"])   # its own GMNs, typed or not
    assert ("method", "Graph Mamba Network", False) in found["user"]   # a paper without a definition learns it


def test_an_everyday_word_made_a_name_is_found_where_another_paper_writes_it_as_one(extractor):
    papers = [Paper.build("Ripple: Accelerating Inference on Phones", "Ripple reorders neurons.", id="r"),
              Paper.build("Phones", "Our scheduler is faster than Ripple and uses Ripple-style ordering.", id="n"),
              Paper.build("Baselines", "Ripple (ours) beats the rest.", id="s"),
              Paper.build("Waves", "A Ripple in the water. Ripple effects spread. The Ripple Effect is old.", id="w"),
              Paper.build("Ripple Effects in Water", "Ripples spread as a ripple does.", id="t")]
    found = by_id(extractor.extract(papers))
    assert ("method", "Ripple", True) in found["r"]
    assert found["n"] == {("method", "Ripple", False)}     # mid-sentence, capitalised: a name
    assert found["s"] == {("method", "Ripple", False)}     # a name slot at a sentence's start
    assert found["w"] == set() and found["t"] == set()     # an article, a sentence's start, a longer name, a title


def test_two_letter_acronyms_stay_in_the_paper_that_defines_them(extractor):
    papers = [Paper.build("Sampling", "We train Diffusion Models (DMs), and DMs sample well.", id="def"),
              Paper.build("Other", "We decode MI signals with DMs.", id="use")]
    found = by_id(extractor.extract(papers))
    assert ("method", "Diffusion Model", False) in found["def"]
    assert not any("Diffusion" in name for _, name, _ in found["use"])
