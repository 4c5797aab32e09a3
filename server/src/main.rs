/// mimalloc rather than the system allocator: the server allocates many small, short-lived
/// values per request, and spent a seventh of its CPU in glibc's malloc and free under load.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    server::cli::run().await
}
