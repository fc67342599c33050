package io.lyss.query.readmodel;

import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.lyss.query.projection.ProjectedEvent;

/**
 * What an Elasticsearch read model holds: which events make its documents, how a document is built and keyed, and
 * the index mapping. Ids are deterministic, so applying an event again overwrites its document.
 *
 * @param <T> the document type
 */
public interface SearchDocuments<T> {

    /** Name of the read model (and prefix of its checkpoint). */
    String name();

    /** The alias readers use; concrete indices are named {@code alias-<generation>}. */
    String alias();

    boolean handles(String eventType);

    /** The document an event makes; null when it makes none (e.g. a turn whose content was shredded). */
    T document(ProjectedEvent event);

    /**
     * The documents an event erases (e.g. {@code UserForgotten}: the user's documents), or null when the event makes
     * a document. Erasures run in log order with the documents around them, so a rebuild erases exactly as the live
     * projection did.
     */
    default Query erasure(ProjectedEvent event) {
        return null;
    }

    /** The document id; also stored in {@link #idField()} so documents can be walked in id order. */
    String id(T document);

    /** A keyword field holding the id. */
    String idField();

    Class<T> documentType();

    TypeMapping mapping();
}
