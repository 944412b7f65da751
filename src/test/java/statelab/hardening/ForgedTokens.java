package statelab.hardening;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens an attacker can make knowing only what is public: the lab's public key and {@code kid}
 * ({@code lab.jwtPublicKeys()}), one genuine token of their own, and keys of their own. Each is
 * named for the attack it tries; none should ever be accepted.
 */
final class ForgedTokens {
    static final String TYPE = "statelab-session+jwt";
    private static final String ISSUER = "statelab";
    private static final String AUDIENCE = "statelab-lab";

    private final ECKey labKey;
    private final String genuine;
    private final ECKey attacker;
    private final URI canary;

    /**
     * @param labKeys the lab's public keys
     * @param genuine a token the lab really issued (to the attacker's own account)
     * @param canary  a loopback URL that counts fetches: a verifier that follows jku/x5u would hit it
     */
    ForgedTokens(JWKSet labKeys, String genuine, URI canary) throws Exception {
        this.labKey = (ECKey) labKeys.getKeys().get(0);
        this.genuine = genuine;
        this.attacker = new ECKeyGenerator(Curve.P_256).keyID(labKey.getKeyID()).generate();
        this.canary = canary;
    }

    /** Every forged token by attack name, in a stable order. */
    Map<String, String> all() throws Exception {
        Map<String, String> tokens = new LinkedHashMap<>();
        Map<String, UnaryOperator<JWTClaimsSet.Builder>> claimAttacks = new LinkedHashMap<>();
        Instant now = Instant.now();
        claimAttacks.put("expired", b -> b.issueTime(Date.from(now.minusSeconds(7200)))
                .notBeforeTime(Date.from(now.minusSeconds(7200))).expirationTime(Date.from(now.minusSeconds(3600))));
        claimAttacks.put("not yet valid (nbf and iat in the future)", b -> b.issueTime(Date.from(now.plusSeconds(3600)))
                .notBeforeTime(Date.from(now.plusSeconds(3600))).expirationTime(Date.from(now.plusSeconds(7200))));
        claimAttacks.put("wrong issuer", b -> b.issuer("https://evil.invalid"));
        claimAttacks.put("wrong audience", b -> b.audience("another-service"));
        claimAttacks.put("subject changed to bob", b -> b.subject("bob"));
        for (Map.Entry<String, UnaryOperator<JWTClaimsSet.Builder>> attack : claimAttacks.entrySet()) {
            JWTClaimsSet claims = attack.getValue().apply(new JWTClaimsSet.Builder(genuineClaims())).build();
            tokens.put(attack.getKey() + ", signed by an attacker key under the lab's kid", sign(labHeader().build(), claims));
            tokens.put(attack.getKey() + ", genuine header and signature replayed", replay(claims));
        }
        tokens.put("wrong typ (plain JWT)", sign(labHeader().type(JOSEObjectType.JWT).build(), bobClaims()));
        for (String none : new String[] {"none", "None", "NONE"}) {
            tokens.put("alg " + none, unsigned(none));
        }
        tokens.put("HS256 keyed with the lab's public key as PEM", hmacWithPublicKey(pem().getBytes(StandardCharsets.US_ASCII)));
        tokens.put("HS256 keyed with the lab's public JWK", hmacWithPublicKey(labKey.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8)));
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
        tokens.put("unknown kid", sign(stranger, header(stranger.getKeyID()).build(), bobClaims()));
        tokens.put("jku pointing at the attacker's key set", sign(stranger, header(stranger.getKeyID()).jwkURL(canary).build(), bobClaims()));
        tokens.put("x5u pointing at the attacker's certificate", sign(stranger, header(stranger.getKeyID()).x509CertURL(canary).build(), bobClaims()));
        tokens.put("embedded jwk of the attacker", sign(stranger, header(stranger.getKeyID()).jwk(stranger.toPublicJWK()).build(), bobClaims()));
        tokens.put("nested: the genuine token signed inside an attacker JWS", nested());
        tokens.put("nested: the genuine token inside a real 5-part JWE", encrypted());
        tokens.put("JWE-looking 5-part garbage", b64("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"typ\":\"" + TYPE + "\"}")
                + ".AAAA.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA");
        tokens.put("psychic signature (r = s = 0)", parts(genuine)[0] + "." + b64(bobClaims().toString()) + "." + Base64URL.encode(new byte[64]));
        tokens.put("oversized (over 4096 characters)", sign(labHeader().build(),
                new JWTClaimsSet.Builder(bobClaims()).claim("pad", "x".repeat(4000)).build()));
        tokens.put("truncated signature", genuine.substring(0, genuine.length() - 20));
        tokens.put("signature stripped", genuine.substring(0, genuine.lastIndexOf('.') + 1));
        tokens.put("three dots of garbage", "not.a.token");
        return tokens;
    }

    private JWTClaimsSet genuineClaims() throws Exception {
        return SignedJWT.parse(genuine).getJWTClaimsSet();
    }

    /** Bob's session claims, valid in every way except that the lab did not sign them. */
    private JWTClaimsSet bobClaims() throws Exception {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder(genuineClaims()).subject("bob").jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .issuer(ISSUER).audience(AUDIENCE).build();
    }

    private JWSHeader.Builder labHeader() {
        return header(labKey.getKeyID());
    }

    private static JWSHeader.Builder header(String kid) {
        return new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).type(new JOSEObjectType(TYPE));
    }

    private String sign(JWSHeader header, JWTClaimsSet claims) throws Exception {
        return sign(attacker, header, claims);
    }

    private static String sign(ECKey key, JWSHeader header, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    /** The genuine token's header and signature around other claims. */
    private String replay(JWTClaimsSet claims) {
        String[] parts = parts(genuine);
        return parts[0] + "." + b64(claims.toString()) + "." + parts[2];
    }

    private String unsigned(String alg) throws Exception {
        String header = "{\"alg\":\"" + alg + "\",\"typ\":\"" + TYPE + "\",\"kid\":\"" + labKey.getKeyID() + "\"}";
        return b64(header) + "." + b64(bobClaims().toString()) + ".";
    }

    private String hmacWithPublicKey(byte[] secret) throws Exception {
        String header = "{\"alg\":\"HS256\",\"typ\":\"" + TYPE + "\",\"kid\":\"" + labKey.getKeyID() + "\"}";
        String input = b64(header) + "." + b64(bobClaims().toString());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return input + "." + Base64URL.encode(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    private String pem() throws Exception {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(labKey.toECPublicKey().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    private String nested() throws Exception {
        JWSObject outer = new JWSObject(labHeader().contentType("JWT").build(), new Payload(genuine));
        outer.sign(new ECDSASigner(attacker));
        return outer.serialize();
    }

    private String encrypted() throws Exception {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                .contentType("JWT").type(new JOSEObjectType(TYPE)).keyID(labKey.getKeyID()).build(), new Payload(genuine));
        jwe.encrypt(new DirectEncrypter(secret));
        return jwe.serialize();
    }

    private static String[] parts(String token) {
        return token.split("\\.", -1);
    }

    private static String b64(String json) {
        return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
