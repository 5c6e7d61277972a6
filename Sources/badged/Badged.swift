import ArgumentParser

/// The badged command line: the daemon and the operator tasks around it.
@main
struct Badged: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Issues verifiable credentials (Open Badges 2.0, Europass EDCI) from LMS course results.",
        subcommands: [
            Serve.self, Import.self, Keys.self, Award.self, Revoke.self, Recipients.self, Convert.self, Verify.self, PlatformCommand.self, Rules.self,
            Sync.self, Explain.self, Pending.self, Outcomes.self, Stack.self, Claims.self, Bench.self,
        ],
        defaultSubcommand: Serve.self
    )
}
