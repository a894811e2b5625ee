package io.telops.vats.gwt;

/**
 * Constants of GWT-RPC (GWT {@code AbstractSerializationStream}) and the JRE type signatures
 * ({@code name/CRC32}) that never change between deployments.
 */
public final class GwtRpcWire {
    public static final int VERSION = 7;
    public static final int MIN_VERSION = 5;
    public static final int MAX_VERSION = 8;
    /** FLAG_ELIDE_TYPE_NAMES | FLAG_RPC_TOKEN_INCLUDED. */
    public static final int VALID_FLAGS_MASK = 0x3;
    public static final char SEPARATOR = '|';

    public static final String LONG = "java.lang.Long/4227064769";
    public static final String BOOLEAN = "java.lang.Boolean/476441737";
    public static final String INTEGER = "java.lang.Integer/3438268394";
    public static final String STRING = "java.lang.String/2004016611";
    public static final String ARRAY_LIST = "java.util.ArrayList/4159755760";
    public static final String INCOMPATIBLE_REMOTE_SERVICE_EXCEPTION =
            "com.google.gwt.user.client.rpc.IncompatibleRemoteServiceException/3936916533";

    /** Content type of a GWT-RPC request ({@code RemoteServiceProxy.RPC_CONTENT_TYPE}). */
    public static final String CONTENT_TYPE = "text/x-gwt-rpc; charset=utf-8";
    public static final String PERMUTATION_HEADER = "X-GWT-Permutation";
    public static final String MODULE_BASE_HEADER = "X-GWT-Module-Base";

    private GwtRpcWire() {
    }

    /** The class name of a type signature {@code name/CRC}. */
    public static String className(String typeSignature) {
        int slash = typeSignature.indexOf('/');
        return slash < 0 ? typeSignature : typeSignature.substring(0, slash);
    }
}
