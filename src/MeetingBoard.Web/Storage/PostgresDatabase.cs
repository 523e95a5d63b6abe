using Dapper;
using Npgsql;

namespace MeetingBoard.Web.Storage;

/// <summary>
/// The shared PostgreSQL database of a scaled-out deployment, and the one place its schema is
/// defined. Migrations run in order at start, once each, under an advisory lock so that nodes
/// starting together do not race; add a new step at the end, never edit one that has shipped.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    // Arbitrary but fixed: the advisory lock every node takes while migrating.
    const long MigrationLock = 0x4D42_5343_4845_4D41; // "MBSCHEMA"

    static readonly string[] Migrations =
    [
        // 1: events, the meeting index and facilitator accounts (the same shape as the SQLite store).
        // body is text, not jsonb: jsonb reorders keys and the event's "$type" discriminator must come first.
        """
        CREATE TABLE events (
            meeting_id  text        NOT NULL,
            version     bigint      NOT NULL,
            type        text        NOT NULL,
            body        text        NOT NULL,
            command_id  text,
            recorded_at timestamptz NOT NULL,
            PRIMARY KEY (meeting_id, version)
        );
        CREATE UNIQUE INDEX events_command ON events (meeting_id, command_id) WHERE command_id IS NOT NULL;
        CREATE TABLE meetings (
            meeting_id     text PRIMARY KEY,
            join_code      text NOT NULL UNIQUE,
            facilitator_id text NOT NULL,
            created_at     timestamptz NOT NULL
        );
        CREATE INDEX meetings_facilitator ON meetings (facilitator_id);
        CREATE TABLE facilitators (
            id            text PRIMARY KEY,
            name          text NOT NULL,
            email         text NOT NULL,
            password_hash text NOT NULL,
            created_at    timestamptz NOT NULL
        );
        CREATE UNIQUE INDEX facilitators_email ON facilitators (lower(email));
        """,
        // 2: data-protection keys, so a cookie signed by one node is accepted by every other.
        """
        CREATE TABLE data_protection_keys (
            name text PRIMARY KEY,
            xml  text NOT NULL
        );
        """,
        // 3: retention — tombstones of purged meetings (id and time only), and finding closed meetings fast.
        """
        CREATE TABLE deleted_meetings (
            meeting_id text PRIMARY KEY,
            deleted_at timestamptz NOT NULL
        );
        CREATE INDEX events_closed ON events (meeting_id) WHERE type = 'MeetingClosed';
        """,
        // 4: server-side facilitator sessions (the same shape as the SQLite store's).
        """
        CREATE TABLE facilitator_sessions (
            id             text PRIMARY KEY,
            facilitator_id text NOT NULL,
            device         text NOT NULL,
            started_at     timestamptz NOT NULL,
            last_seen_at   timestamptz NOT NULL,
            ended_at       timestamptz
        );
        CREATE INDEX facilitator_sessions_by_facilitator ON facilitator_sessions (facilitator_id, started_at);
        """,
        // 5: finding the meetings a facilitator was made co-facilitator of (read from the events, no new table).
        """
        CREATE INDEX events_co_facilitators ON events (meeting_id) WHERE type = 'CoFacilitatorAdded';
        """,
        // 6: sign-in through an organisation's provider — accounts linked by the provider's subject, and what a session keeps of it.
        """
        CREATE TABLE facilitator_logins (
            provider       text NOT NULL,
            subject        text NOT NULL,
            facilitator_id text NOT NULL,
            created_at     timestamptz NOT NULL,
            PRIMARY KEY (provider, subject)
        );
        CREATE TABLE provider_sessions (
            session_id text PRIMARY KEY,
            provider   text NOT NULL,
            tokens     text NOT NULL,
            checked_at timestamptz NOT NULL
        );
        """,
        // 7: the first facilitator's one-time setup links (SHA-256 of the token), usable through any node.
        """
        CREATE TABLE setup_links (
            token_hash text        PRIMARY KEY,
            expires_at timestamptz NOT NULL
        );
        """,
        // 8: cases — a pseudonym, who was added, which meetings are its (Features/Cases).
        """
        CREATE TABLE cases (
            id         text        PRIMARY KEY,
            name       text        NOT NULL,
            owner_id   text        NOT NULL,
            created_at timestamptz NOT NULL
        );
        CREATE INDEX cases_owner ON cases (owner_id);
        CREATE TABLE case_members (
            case_id    text        NOT NULL,
            account_id text        NOT NULL,
            added_at   timestamptz NOT NULL,
            PRIMARY KEY (case_id, account_id)
        );
        CREATE INDEX case_members_account ON case_members (account_id);
        CREATE TABLE case_meetings (
            case_id    text        NOT NULL,
            meeting_id text        PRIMARY KEY,
            created_at timestamptz NOT NULL
        );
        CREATE INDEX case_meetings_case ON case_meetings (case_id);
        """,
    ];

    readonly SemaphoreSlim migrated = new(1, 1);
    bool isMigrated;

    public PostgresDatabase(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException("MeetingBoard:Store is Postgres but MeetingBoard:Postgres:ConnectionString is empty.");
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public NpgsqlDataSource DataSource { get; }

    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken ct = default) => DataSource.OpenConnectionAsync(ct);

    /// <summary>Brings the schema up to date; safe to call from every store and every node.</summary>
    public async Task MigrateAsync(CancellationToken ct = default)
    {
        await migrated.WaitAsync(ct);
        try
        {
            if (isMigrated) return;
            await using var c = await OpenAsync(ct);
            await c.ExecuteAsync("SELECT pg_advisory_lock(@MigrationLock)", new { MigrationLock });
            try
            {
                await c.ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
                var applied = await c.ExecuteScalarAsync<int?>("SELECT max(version) FROM schema_migrations") ?? 0;
                for (var version = applied + 1; version <= Migrations.Length; version++)
                {
                    await using var tx = await c.BeginTransactionAsync(ct);
                    await c.ExecuteAsync(Migrations[version - 1], transaction: tx);
                    await c.ExecuteAsync("INSERT INTO schema_migrations (version) VALUES (@version)", new { version }, tx);
                    await tx.CommitAsync(ct);
                }
            }
            finally
            {
                await c.ExecuteAsync("SELECT pg_advisory_unlock(@MigrationLock)", new { MigrationLock });
            }
            isMigrated = true;
        }
        finally
        {
            migrated.Release();
        }
    }

    /// <summary>A unique key refused the row: the expected version, the command id or the join code was taken.</summary>
    public static bool IsUniqueViolation(Exception e) => e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
