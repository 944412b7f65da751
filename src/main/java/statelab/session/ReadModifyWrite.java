package statelab.session;

/**
 * The naive way to change one setting of a session kept in a shared store, for the lost-update lab
 * (docs/STATE-LABS.md): read the whole session, change one field in this process, write the whole
 * session back. Two nodes doing this at once for the same session each write back what they read,
 * so one change silently wins over the other. A strategy offers it only to show that; its ordinary
 * {@link SessionStrategy#updateSettings} is the atomic way.
 */
public interface ReadModifyWrite {

    /** As {@link SessionStrategy#updateSettings} for one setting, but by reading and writing the whole session. */
    Resolution updateSettingNaively(String credential, String key, String value);
}
