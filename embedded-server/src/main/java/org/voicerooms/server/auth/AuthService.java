package org.voicerooms.server.auth;

import com.mongodb.MongoWriteException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.Check;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.model.users.AuthResponse;
import org.voicerooms.model.users.GuestRequest;
import org.voicerooms.model.users.LoginRequest;
import org.voicerooms.model.users.RefreshRequest;
import org.voicerooms.model.users.RegisterRequest;
import org.voicerooms.model.users.UserRules;
import org.voicerooms.server.http.Caller;
import org.voicerooms.server.store.Database;
import org.voicerooms.server.store.Docs;

/** Accounts, guests, tokens and sign-ins (refresh-token families that rotate and can be revoked). */
public final class AuthService {

    private static final Logger LOG = LoggerFactory.getLogger(AuthService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserStore users;
    private final TokenService tokens;
    private final Passwords passwords;
    private final Clock clock;
    private final boolean guestsAllowed;
    private final SessionStore sessions;
    private final List<Consumer<String>> revocationListeners = new CopyOnWriteArrayList<>();

    public AuthService(Database db, UserStore users, TokenService tokens, int bcryptCost, Clock clock,
                       boolean guestsAllowed) {
        this.users = users;
        this.tokens = tokens;
        this.sessions = new SessionStore(db, clock);
        this.passwords = new Passwords(bcryptCost);
        this.clock = clock;
        this.guestsAllowed = guestsAllowed;
    }

    /** Creates an account; USERNAME_TAKEN when the name is in use. */
    public AuthResponse register(RegisterRequest request) {
        String username = UserRules.username(request.username());
        String password = UserRules.password(request.password());
        String displayName = request.displayName() == null ? username : UserRules.displayName(request.displayName());
        if (users.byUsername(username).isPresent()) {
            throw new ApiException(ErrorCode.USERNAME_TAKEN, "the username '" + username + "' is taken", "username");
        }
        User user;
        try {
            user = users.insert(username, displayName, passwords.hash(password), false, now());
        } catch (MongoWriteException e) {
            if (Docs.isDuplicateKey(e)) {
                throw new ApiException(ErrorCode.USERNAME_TAKEN, "the username '" + username + "' is taken",
                        "username");
            }
            throw e;
        }
        LOG.info("Registered user {} ({})", user.id(), username);
        return issue(user);
    }

    /** Signs in with username and password; INVALID_CREDENTIALS for either being wrong. */
    public AuthResponse login(LoginRequest request) {
        String username = Check.required("username", request.username());
        String password = Check.required("password", request.password());
        User user = users.byUsernameIgnoringCase(username).filter(u -> !u.guest()).orElse(null);
        // No stored password is longer than bcrypt's 72 bytes (registration refuses them); a longer one cannot
        // match and would make bcrypt throw, so it costs a decoy check like an unknown user.
        boolean tooLong = password.getBytes(StandardCharsets.UTF_8).length > UserRules.PASSWORD_MAX_BYTES;
        boolean ok = user == null || tooLong ? passwords.decoyCheck("decoy")
                : passwords.matches(password, user.passwordHash());
        if (!ok) {
            throw ApiException.of(ErrorCode.INVALID_CREDENTIALS);
        }
        return issue(user);
    }

    /** Signs in a guest with only a display name; GUESTS_DISABLED when the server does not allow it. */
    public AuthResponse guest(GuestRequest request) {
        if (!guestsAllowed) {
            throw ApiException.of(ErrorCode.GUESTS_DISABLED);
        }
        String displayName = UserRules.displayName(request.displayName());
        for (int attempt = 0; ; attempt++) {
            String username = "guest-" + HexFormat.of().formatHex(randomBytes());
            try {
                User user = users.insert(username, displayName, null, true, now());
                return issue(user);
            } catch (MongoWriteException e) {
                if (!Docs.isDuplicateKey(e) || attempt >= 3) {
                    throw e;
                }
            }
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[5];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /**
     * A new token pair for the holder of the usable refresh token of a live sign-in; the spent token is dead from
     * then on. A spent token used again means two parties hold the sign-in's tokens (one of them a thief): the
     * whole sign-in is revoked, its access tokens stop working and its sockets close.
     */
    public AuthResponse refresh(RefreshRequest request) {
        TokenService.Refresh spent = tokens.verifyRefresh(Check.required("refreshToken", request.refreshToken()));
        User user = users.byId(spent.caller().userId())
                .orElseThrow(() -> new ApiException(ErrorCode.UNAUTHORIZED, "the account no longer exists"));
        String session = spent.caller().session();
        if (session == null) {
            // Issued before sign-ins were tracked: the token becomes a sign-in of its own, spent on first use.
            session = "legacy-" + spent.id();
            sessions.adopt(session, user.id(), spent.id(), spent.expiresAt());
        }
        Caller caller = new Caller(user.id(), user.displayName(), user.guest(), session);
        TokenService.Issued refresh = tokens.refresh(caller);
        if (!sessions.rotate(session, spent.id(), refresh.id(), refresh.expiresAt())) {
            if (revoke(session)) {
                LOG.warn("A spent refresh token of user {} was used again; sign-in {} revoked", user.id(), session);
            }
            throw new ApiException(ErrorCode.UNAUTHORIZED, "this sign-in has ended; sign in again");
        }
        users.touch(user.id(), now()); // a refresh is a sign of life: idle guests are judged by it
        TokenService.Issued access = tokens.access(caller);
        return new AuthResponse(access.token(), access.expiresAt(), refresh.token(), refresh.expiresAt(), user.view());
    }

    /** Ends the caller's sign-in: its tokens stop working and its sockets close. */
    public void logout(Caller caller) {
        if (caller.session() != null) {
            revoke(caller.session());
        }
    }

    /** The caller an access token proves, if its sign-in is live; UNAUTHORIZED or TOKEN_EXPIRED otherwise. */
    public Caller verifyAccess(String token) {
        Caller caller = tokens.verifyAccess(token);
        if (caller.session() != null && !sessions.isLive(caller.session())) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "this sign-in has ended; sign in again");
        }
        return caller;
    }

    /** Called with the id of each sign-in this node revokes (to close its sockets). */
    public void onRevoked(Consumer<String> listener) {
        revocationListeners.add(listener);
    }

    private boolean revoke(String session) {
        boolean revoked = sessions.revoke(session);
        revocationListeners.forEach(l -> l.accept(session));
        return revoked;
    }

    /** The caller's own user. */
    public User me(Caller caller) {
        return users.byId(caller.userId())
                .orElseThrow(() -> new ApiException(ErrorCode.UNAUTHORIZED, "the account no longer exists"));
    }

    /** A new sign-in: a token pair of a new refresh-token family. */
    private AuthResponse issue(User user) {
        users.touch(user.id(), now());
        Caller caller = new Caller(user.id(), user.displayName(), user.guest(), UUID.randomUUID().toString());
        TokenService.Issued access = tokens.access(caller);
        TokenService.Issued refresh = tokens.refresh(caller);
        sessions.open(caller.session(), user.id(), refresh.id(), refresh.expiresAt());
        return new AuthResponse(access.token(), access.expiresAt(), refresh.token(), refresh.expiresAt(), user.view());
    }

    private java.time.Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
