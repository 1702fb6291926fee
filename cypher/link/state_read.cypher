// Read the link state: the N and the link policy of the last full rebuild
// Between full rebuilds rarity and the hub limit use n_ref, so an incremental relink
// recomputes only the papers whose links can change (graphload/store/relink.py).
// Parameters: none
MATCH (s:GraphloadLinkState {name: 'links'})
RETURN s.n_ref AS n_ref, s.hub_limit AS hub_limit, s.max_df AS max_df, s.max_df_cap AS max_df_cap,
       s.min_shared AS min_shared, s.min_score AS min_score, s.top_k AS top_k,
       coalesce(s.frozen_evidence, false) AS frozen_evidence, coalesce(s.ordered_picks, false) AS ordered_picks,
       coalesce(s.pick_floors, false) AS pick_floors
