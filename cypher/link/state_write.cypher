// Write the link state after a full rebuild: its N (n_ref) and the policy it ran under;
// frozen_evidence: every entity holds the evidence it keeps until the next full rebuild;
// ordered_picks: every paper holds its picks in rank order (link/pick_state.cypher);
// pick_floors: and their count and the rank key of the lowest as plain numbers
// Parameters: $n_ref, $hub_limit, $max_df, $max_df_cap, $min_shared, $min_score, $top_k
MERGE (s:GraphloadLinkState {name: 'links'})
SET s.n_ref = $n_ref, s.hub_limit = $hub_limit, s.max_df = $max_df, s.max_df_cap = $max_df_cap,
    s.min_shared = $min_shared, s.min_score = $min_score, s.top_k = $top_k, s.frozen_evidence = true,
    s.ordered_picks = true, s.pick_floors = true
REMOVE s.pick_state
