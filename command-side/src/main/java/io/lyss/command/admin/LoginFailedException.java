package io.lyss.command.admin;

/** Unknown username or wrong password; deliberately not saying which. */
class LoginFailedException extends RuntimeException {

    LoginFailedException() {
        super("Unknown username or wrong password.");
    }
}
