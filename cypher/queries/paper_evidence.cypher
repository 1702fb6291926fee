// A paper's entities and where they were found
// A paper's title and each entity it mentions: its type, the rule that found it, and the sentence it came from with the name between [[ ]] (reading order).
// :param paper_id => '2401.01234'
MATCH (p:Paper {id: $paper_id})
OPTIONAL MATCH (p)-[m:MENTIONS]->(e:Entity)
WITH p, m, e, m.start - m.sentence_start AS a, m.end - m.sentence_start AS b,
     CASE m.field WHEN 'title' THEN 0 WHEN 'abstract' THEN 1 ELSE 2 END AS field_rank
RETURN p.title AS title, e.type AS type, e.name AS name, e.key AS key, m.rule AS rule, m.field AS field,
       m.start AS start, m.end AS end, m.sentence AS sentence, m.sentence_start AS sentence_start,
       CASE WHEN m.sentence IS NULL OR a IS NULL THEN ''
            WHEN a < 0 OR b < a OR b > size(m.sentence) THEN m.sentence
            ELSE substring(m.sentence, 0, a) + '[[' + substring(m.sentence, a, b - a) + ']]' + substring(m.sentence, b)
       END AS marked
ORDER BY start IS NULL, field_rank, field, start, type, key
