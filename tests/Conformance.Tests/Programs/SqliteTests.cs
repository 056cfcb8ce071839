using static GatewayFs.TestKit.Conformance.Programs;

namespace GatewayFs.Tests.Conformance.Programs;

/// <summary>sqlite3 transactions: journals, fsync, locking, rename and unlink in the pattern databases use.</summary>
public class SqliteTests
{
    private const string Fill =
        "create table t(id integer primary key, v text);" +
        "begin; with recursive c(x) as (select 1 union all select x + 1 from c where x < 5000) " +
        "insert into t(v) select hex(randomblob(60)) from c; commit;" +
        "begin; delete from t; rollback;" +
        "begin; update t set v = 'changed' where id % 10 = 0; commit;";

    private const string Check = "pragma integrity_check; select count(*), sum(v = 'changed') from t;";

    [Theory, MountedTargets]
    public async Task Transactions_commit_and_roll_back_with_a_rollback_journal(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        string db = Path.Join(fs.HostRoot!, "test.db");
        await RunAsync("sqlite3", [db, "pragma journal_mode = delete;" + Fill]);
        Assert.Equal("ok\n5000|500\n", await RunAsync("sqlite3", [db, Check]));
        Assert.Equal(["test.db"], await fs.ListAsync("")); // the journal is gone after the last commit
    }

    [Theory, MountedTargets]
    public async Task Transactions_commit_and_roll_back_in_WAL_mode(string target)
    {
        await using var fs = await Targets.OpenAsync(target);
        string db = Path.Join(fs.HostRoot!, "wal.db");
        Assert.StartsWith("wal", await RunAsync("sqlite3", [db, "pragma journal_mode = wal;" + Fill]));
        Assert.Equal("ok\n5000|500\n", await RunAsync("sqlite3", [db, Check]));
        await RunAsync("sqlite3", [db, "pragma wal_checkpoint(truncate);"]);
        Assert.Equal("ok\n5000|500\n", await RunAsync("sqlite3", [db, Check]));
    }
}
