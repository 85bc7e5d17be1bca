// article_hashes — which of these articles are already loaded, and with which content.
//
// Purpose:    the loader skips documents whose content hash is unchanged and
//             retracts the old contributions of documents whose content changed.
// Parameters: $ids  list of article ids
// Example:    :param ids => ['000_4626a3707a676845']
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN a.id AS id, a.content_hash AS content_hash;
