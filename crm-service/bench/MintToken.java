import dev.supportplatform.common.identity.Identity;
import dev.supportplatform.common.identity.InternalTokenCodec;
import dev.supportplatform.common.identity.Scopes;

import java.time.Duration;

/** Prints an internal token for a tenant, as the gateway would sign it: java -cp <libs> MintToken.java SECRET TENANT */
public class MintToken {
    public static void main(String[] args) {
        InternalTokenCodec codec = new InternalTokenCodec(args[0], Duration.ofHours(2));
        System.out.println(codec.sign(new Identity(args[1], "bench", Scopes.STANDARD, "api_key")));
    }
}
