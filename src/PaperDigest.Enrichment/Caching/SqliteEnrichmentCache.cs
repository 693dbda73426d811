using System.Buffers.Binary;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PaperDigest.Enrichment.Caching;

/// <summary>
/// The persistent cache: one SQLite file, in WAL mode with a busy timeout so that two processes can use it at once.
/// The database carries a marker (SQLite's <c>application_id</c>); a corrupt file that has it is reported and rebuilt, a file
/// that is not recognisably the cache (see <see cref="CanUse"/>) is reported and left alone, and the run goes on without a
/// cache. Any other database problem is reported and treated as a miss (reads) or skipped (writes). A cache problem never
/// fails a run.
/// </summary>
internal sealed class SqliteEnrichmentCache : IEnrichmentCache, IDisposable
{
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    /// <summary>The marker in the database header (<c>PRAGMA application_id</c>): "PDC1".</summary>
    private const int ApplicationId = 0x50444331;
    private readonly string _path;
    private readonly string _connectionString;
    private readonly Action<string>? _report;
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private bool _initialised;
    private bool _disabled;

    /// <summary>Creates a cache over a file, created (with its folder) on first use.</summary>
    /// <param name="path">The database file.</param>
    /// <param name="report">Called with a message when something went wrong and was recovered from.</param>
    public SqliteEnrichmentCache(string path, Action<string>? report = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = Path.GetFullPath(path);
        _report = report;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The database file.</summary>
    public string FilePath => _path;

    /// <summary>
    /// Whether a file may be used (and, if corrupt, rebuilt) as the cache: it does not exist, is empty, or is an SQLite
    /// database carrying the cache's marker, or (written before the marker) holding nothing but the cache's table.
    /// Anything else belongs to someone else and is never written.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <returns><see langword="true"/> when the cache may use the file.</returns>
    public static bool CanUse(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var info = new FileInfo(path);
        if (!info.Exists || info.Length == 0)
        {
            return true;
        }

        Span<byte> header = stackalloc byte[100];
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
            {
                return false;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        if (!header[..16].SequenceEqual("SQLite format 3\0"u8))
        {
            return false;
        }

        var applicationId = BinaryPrimitives.ReadInt32BigEndian(header[68..]);
        if (applicationId != 0)
        {
            return applicationId == ApplicationId;
        }

        try
        {
            var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name NOT IN ('entries', 'sqlite_autoindex_entries_1')";
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 0;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyDictionary<string, CacheEntry>> GetManyAsync(string kind, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(keys);
        var result = new Dictionary<string, CacheEntry>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return result;
        }

        await RunAsync("read", async connection =>
        {
            result.Clear();
            foreach (var chunk in keys.Distinct(StringComparer.Ordinal).Chunk(500))
            {
                await using var command = connection.CreateCommand();
                var names = new string[chunk.Length];
                for (var i = 0; i < chunk.Length; i++)
                {
                    names[i] = "$k" + i.ToString(CultureInfo.InvariantCulture);
                    command.Parameters.AddWithValue(names[i], chunk[i]);
                }

                command.CommandText = $"SELECT key, payload, etag, stored_at, expires_at FROM entries WHERE kind = $kind AND key IN ({string.Join(',', names)})";
                command.Parameters.AddWithValue("$kind", kind);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var key = reader.GetString(0);
                    result[key] = new CacheEntry(
                        kind,
                        key,
                        reader.GetString(1),
                        reader.IsDBNull(2) ? null : reader.GetString(2),
                        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)));
                }
            }
        }, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <inheritdoc />
    public async ValueTask SetManyAsync(IReadOnlyCollection<CacheEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        await RunAsync("write", async connection =>
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT OR REPLACE INTO entries (kind, key, payload, etag, stored_at, expires_at) VALUES ($kind, $key, $payload, $etag, $stored, $expires)";
            var kind = command.Parameters.Add("$kind", SqliteType.Text);
            var key = command.Parameters.Add("$key", SqliteType.Text);
            var payload = command.Parameters.Add("$payload", SqliteType.Text);
            var etag = command.Parameters.Add("$etag", SqliteType.Text);
            var stored = command.Parameters.Add("$stored", SqliteType.Integer);
            var expires = command.Parameters.Add("$expires", SqliteType.Integer);
            foreach (var e in entries)
            {
                kind.Value = e.Kind;
                key.Value = e.Key;
                payload.Value = e.Payload;
                etag.Value = (object?)e.ETag ?? DBNull.Value;
                stored.Value = e.StoredAt.ToUnixTimeMilliseconds();
                expires.Value = e.ExpiresAt.ToUnixTimeMilliseconds();
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask RemoveAsync(string kind, string key, CancellationToken cancellationToken = default)
    {
        await RunAsync("remove", async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM entries WHERE kind = $kind AND key = $key";
            command.Parameters.AddWithValue("$kind", kind);
            command.Parameters.AddWithValue("$key", key);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose() => _initLock.Dispose();

    private async Task RunAsync(string what, Func<SqliteConnection, Task> action, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (!await EnsureInitialisedAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            try
            {
                await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
                await action(connection).ConfigureAwait(false);
                return;
            }
            catch (SqliteException ex) when (IsCorrupt(ex) && attempt == 0)
            {
                _report?.Invoke($"cache {_path}: the file is corrupt ({ex.Message}); rebuilding it");
                await RebuildAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (SqliteException ex)
            {
                _report?.Invoke($"cache {_path}: {what} failed ({ex.Message}); going on without it");
                return;
            }
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA busy_timeout = 10000;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<bool> EnsureInitialisedAsync(CancellationToken cancellationToken)
    {
        if (_initialised || _disabled)
        {
            return _initialised;
        }

        await _initLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialised || _disabled)
            {
                return _initialised;
            }

            if (!CanUse(_path))
            {
                _report?.Invoke($"cache {_path}: the file is not a PaperDigest cache; left as it is, going on without a cache");
                _disabled = true;
                return false;
            }

            for (var attempt = 0; attempt < 2; attempt++)
            {
                try
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(_path) ?? ".");
                    await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
                    await using var command = connection.CreateCommand();
                    command.CommandText = """
                        PRAGMA journal_mode = WAL;
                        PRAGMA synchronous = NORMAL;
                        CREATE TABLE IF NOT EXISTS entries (
                            kind TEXT NOT NULL,
                            key TEXT NOT NULL,
                            payload TEXT NOT NULL,
                            etag TEXT NULL,
                            stored_at INTEGER NOT NULL,
                            expires_at INTEGER NOT NULL,
                            PRIMARY KEY (kind, key)
                        ) WITHOUT ROWID;
                        PRAGMA application_id = 1346650929;
                        """;
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    await using var quickCheck = connection.CreateCommand();
                    quickCheck.CommandText = "PRAGMA quick_check;";
                    var check = (await quickCheck.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false)) as string;
                    if (check is not null && check != "ok")
                    {
                        throw new SqliteException($"integrity check failed: {check}", SqliteCorrupt);
                    }

                    _initialised = true;
                    return true;
                }
                catch (SqliteException ex) when (IsCorrupt(ex) && attempt == 0)
                {
                    _report?.Invoke($"cache {_path}: the file is corrupt or not a cache ({ex.Message}); rebuilding it");
                    DeleteFiles();
                }
                catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
                {
                    _report?.Invoke($"cache {_path}: cannot be opened ({ex.Message}); going on without a cache");
                    _disabled = true;
                    return false;
                }
            }

            _disabled = true;
            return false;
        }
        finally
        {
            _initLock.Release();
        }
    }

    private async Task RebuildAsync(CancellationToken cancellationToken)
    {
        await _initLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _initialised = false;
            DeleteFiles();
        }
        finally
        {
            _initLock.Release();
        }
    }

    private void DeleteFiles()
    {
        // Pooled connections keep the old file open: close them first.
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            try
            {
                File.Delete(_path + suffix);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static bool IsCorrupt(SqliteException ex) => (ex.SqliteErrorCode & 0xff) is SqliteCorrupt or SqliteNotADatabase;
}
