extension Migration {
    /// Version 25: login states and spent nonces in their own tables are gone. A login's state
    /// travels sealed in the state value and cookie (`SealedLaunchStates`), and a launch's nonce is
    /// spent in `single_use` like every other single-use value, so `lti_launch_states` and
    /// `lti_used_nonces` (version 2) have had no reader or writer since. Nothing in them is needed:
    /// a sealed state past its lifetime is refused anyway.
    static let v25LaunchStates = Migration(
        version: 25,
        name: "drop_launch_state_tables",
        statements: [
            "DROP TABLE lti_used_nonces",
            "DROP TABLE lti_launch_states",
        ]
    )
}
