"""Which surface forms become which entity keys: the shared keys that link papers."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphload.extract.keys import entity_key
from graphload.extract.pipeline import build_pipeline


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline()


def names(nlp, text):
    return {(e.type, e.name) for e in nlp(text)._.graphload_entities}


@pytest.mark.parametrize("text, wrong", [
    ("We train a D2C-VAE on the shapes.", "variational autoencoder"),
    ("The ST-GCN baseline is slower.", "graph convolutional network"),
    ("We report results on Tiny-ImageNet.", "ImageNet"),
    ("Anti-Hebbian learning decorrelates the units.", "Hebbian learning"),
    ("We compare with non-hypernetwork models.", "hypernetwork"),
])
def test_a_known_name_glued_to_a_word_before_it_is_part_of_another_name(nlp, text, wrong):
    assert wrong not in {name for _, name in names(nlp, text)}


def test_the_glued_name_is_still_found_where_it_stands_alone(nlp):
    found = names(nlp, "Unlike a D2C-VAE, a plain VAE blurs the samples.")
    assert ("method", "variational autoencoder") in found


def test_a_hybrid_of_two_known_names_keeps_both(nlp):
    found = names(nlp, "A CNN-LSTM hybrid tags the frames.")
    assert {("method", "convolutional neural network"), ("method", "long short-term memory")} <= found


def test_a_glued_prefix_makes_the_longer_known_name_win(nlp):
    found = names(nlp, "The self-attention mechanism mixes tokens; Self-Supervised Contrastive Learning helps.")
    assert ("method", "self-attention") in found
    assert ("method", "attention mechanism") not in found
    assert ("method", "supervised contrastive learning") not in found   # SupCon is another method


def test_metrics_keep_their_glued_qualifiers(nlp):
    found = names(nlp, "We report the 2-Wasserstein distance to the data.")
    assert ("metric", "Wasserstein distance") in found


def test_coordinate_based_networks_are_their_own_family_and_neural_fields_are_inrs(nlp):
    found = names(nlp, "Coordinate-based MLPs fit images. Coordinate-based neural representations need priors.")
    assert ("method", "coordinate-based MLP") in found
    assert ("method", "multi-layer perceptron") not in found
    assert ("method", "implicit neural representation") in found


@pytest.mark.parametrize("text", ["It needs no post-hoc pruning of the weights.", "We add a posthoc pruning stage."])
def test_a_descriptive_word_before_a_known_technique_names_that_technique(nlp, text):
    [entity] = [e for e in nlp(text)._.graphload_entities if "pruning" in e.key]
    assert (entity.name, entity.key) == ("pruning", "pruning")
    assert any("pruning" in alias and alias != "pruning" for alias in entity.aliases)   # the paper's form stays


@pytest.mark.parametrize("text", ["We train an RNN Encoder--Decoder.", "The RNN encoder–decoder of 2014 translates."])
def test_the_rnn_encoder_decoder_is_a_model_of_its_own_not_any_rnn(nlp, text):
    assert {name for _, name in names(nlp, text)} == {"RNN Encoder-Decoder"}


@pytest.mark.parametrize("text, name", [
    ("We tune it with maximal update parameterization.", "maximal update parametrization"),
    ("Weights are 4-bit after quantisation.", "quantization"),
    ("Labels come from pseudo-labelling.", "pseudo-labeling"),
    ("We run a k-nearest neighbour search.", "k-nearest neighbors"),
])
def test_a_known_name_is_found_in_either_spelling(nlp, text, name):
    assert name in {n for _, n in names(nlp, text)}


@pytest.mark.parametrize("text, name", [
    ("We project the data with principal components analysis.", "principal component analysis"),
    ("A Bi-directional LSTM tags the words.", "bidirectional LSTM"),
    ("We stack Deep Belief Nets.", "deep belief network"),
    ("A Naïve Bayes classifier is the baseline.", "naive Bayes"),
    ("We use HOG descriptors and tf-idf weights.", "histogram of oriented gradients"),
    ("We use HOG descriptors and tf-idf weights.", "TF-IDF"),
    ("We fit gradient boosted trees.", "gradient boosted decision trees"),
    ("We parse the Penn Tree Bank.", "Penn Treebank"),
    ("We test on the PASCAL Visual Object Classes challenge.", "Pascal VOC"),
    ("Results on ImageNet LSVRC-2012 follow.", "ImageNet-1K"),
])
def test_common_spellings_of_classic_entities_are_their_aliases(nlp, text, name):
    assert name in {n for _, n in names(nlp, text)}


@pytest.mark.parametrize("a, b", [("β-VAE", "beta-VAE"), ("μP", "muP"), ("α-entmax", "alpha-entmax"),
                                  ("σ-reparam", "Sigma-Reparam")])
def test_greek_letters_key_as_their_spelled_out_names(a, b):
    assert entity_key(a) == entity_key(b)


def test_greek_letters_keep_distinct_names_apart():
    assert entity_key("α-divergence") != entity_key("β-divergence")


@pytest.mark.parametrize("a, b", [("SQuAD v2.0", "SQuAD 2.0"), ("LLaVA-v1.5", "LLaVA-1.5"), ("DeBERTaV3", "DeBERTa-v3"),
                                  ("YOLO v5", "YOLOv5"), ("Stable Diffusion v1.5", "Stable Diffusion 1.5"),
                                  ("MobileNetV2", "MobileNet 2")])
def test_a_version_keys_the_same_with_or_without_its_v(a, b):
    assert entity_key(a) == entity_key(b)


@pytest.mark.parametrize("a, b", [("wav2vec", "wa2vec"), ("DIV2K", "DI2K"), ("AV1", "A1"), ("RCV1", "RC1")])
def test_a_v_that_is_a_letter_of_the_name_stays(a, b):
    assert entity_key(a) != entity_key(b)


@pytest.mark.parametrize("a, b", [("DARTS", "DART"), ("TRADES", "TraDE"), ("HANS", "HAN"), ("SNIPS", "SNIP"),
                                  ("MCTS planner", "MCT planner"), ("P-DARTS", "P-DART")])
def test_an_acronyms_capital_s_is_a_letter_not_a_plural(a, b):
    assert entity_key(a) != entity_key(b)


@pytest.mark.parametrize("a, b", [("GANs", "GAN"), ("NeRFs", "NeRF"), ("DEEP BELIEF NETWORKS", "deep belief network"),
                                  ("Diffusion Models", "diffusion model")])
def test_plurals_still_fold_small_s_and_shouting_titles_too(a, b):
    assert entity_key(a) == entity_key(b)


def test_a_paper_introducing_trade_is_not_the_known_trades(nlp):
    found = names(nlp, "TraDE: Transformers for Density Estimation\n\nWe present TraDE, a self-attention-based "
                       "architecture for density estimation.")
    assert ("method", "TraDE") in found and not any(name == "TRADES" for _, name in found)


@pytest.mark.parametrize("text, name, bare", [
    ("Robust Spectral Autoencoders\n\nWe train spectral autoencoders on speech.", "spectral autoencoder", "autoencoder"),
    ("Scaling Sparse Quantization\n\nWe study sparse quantization of weights.", "sparse quantization", "quantization"),
    ("We propose the Gated Residual Transformer (GRT). A gated residual transformer halves the cost.",
     "Gated Residual Transformer", "transformer"),
])
def test_a_name_the_paper_uses_is_that_name_wherever_its_words_stand(nlp, text, name, bare):
    found = {n for _, n in names(nlp, text)}
    assert name in found
    assert bare not in found   # the title's capitals or the other case do not leave a bare known head
    assert "same-words" in {m.rule for e in nlp(text)._.graphload_entities for m in e.mentions}


def test_a_known_name_standing_alone_stays_beside_the_longer_name(nlp):
    found = names(nlp, "Autoencoders compress images. We train spectral autoencoders on speech.")
    assert {("method", "autoencoder"), ("method", "spectral autoencoder")} <= found


@pytest.mark.parametrize("text, dataset", [
    ("We fit 3D shapes and scenes with one network.", None),
    ("Disentanglement is measured on 3D Shapes and MPI3D.", "3D Shapes"),
    ("Each token passes through the stack of layers; speech commands steer the robot.", None),
    ("The model is pretrained on The Stack and tested on Speech Commands.", "The Stack"),
])
def test_a_dataset_named_by_everyday_words_is_that_dataset_only_as_written(nlp, text, dataset):
    datasets = {name for kind, name in names(nlp, text) if kind == "dataset"}
    assert (dataset in datasets) if dataset else not datasets


@pytest.mark.parametrize("text, name", [
    ("Scaling laws hold for large random feature models.", "random features"),
    ("A Laplacian eigenmap embeds the graph.", "Laplacian eigenmaps"),
])
def test_a_plural_name_is_found_in_the_singular(nlp, text, name):
    assert ("method", name) in names(nlp, text)


def test_a_dataset_name_is_not_found_in_the_singular(nlp):
    assert not {n for kind, n in names(nlp, "We propose a 3D Shape representation for fields.") if kind == "dataset"}


@pytest.mark.parametrize("text, name, alias", [
    ("Predictive coding networks learn locally.", "predictive coding", "Predictive coding networks"),
    ("We add perceptual loss functions to the objective.", "perceptual loss", "perceptual loss functions"),
    ("Two LSTM models and a Transformer-model are compared.", "long short-term memory", "LSTM models"),
])
def test_a_known_method_with_its_head_word_is_listed_as_written(nlp, text, name, alias):
    [entity] = [e for e in nlp(text)._.graphload_entities if e.name == name]
    assert alias in entity.aliases


_KEY_PIECES = ["a", "Net", "v2", "V3", "v", "1.5", "+", "++", "-", "é", "e\u0301", "\u0301", "β", "Σ", "ß", "ﬁ", "½",
               "_", "s", "ies", "isation", "Networks", "'", ".", "(", " ", "of", "for", "Experts", "and"]


@settings(max_examples=500, deadline=None)
@given(before=st.lists(st.sampled_from(_KEY_PIECES), max_size=8).map("".join),
       name=st.lists(st.sampled_from(_KEY_PIECES), max_size=8).map("".join), space=st.sampled_from([" ", "\t", "  "]))
def test_a_key_is_the_keys_of_the_words_either_side_of_a_space_run_together(before, name, space):
    # resolve._echoed_names relies on it: only a name whose key ends in a hit's key can be the hit with words before it
    assert entity_key(before + space + name) == entity_key(before) + entity_key(name)
