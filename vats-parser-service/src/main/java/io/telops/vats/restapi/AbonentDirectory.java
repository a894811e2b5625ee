package io.telops.vats.restapi;

import java.util.List;

/**
 * The abonent list from a source other than the cabinet's GWT pages, used only to cross-check the scraped
 * inventory. The one implementation is {@link MtsRestAbonentDirectory}. MTS publishes no reference for its REST
 * API that could be reached from here, so everything about its shape is an assumption listed there.
 */
public interface AbonentDirectory {
    /** Every abonent of the enterprise; throws {@link AbonentDirectoryException} rather than answer a partial list. */
    List<DirectoryAbonent> abonents();
}
