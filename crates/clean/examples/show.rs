//! Prints what `clean` makes of the files given as arguments: `cargo run -p clean --example show -- FILE...`.
fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("read");
        let item = model::WorkItem {
            source_path: path.clone(),
            content_hash: blake3::hash(&bytes).to_hex().to_string(),
            bytes,
            modified: None,
        };
        for r in clean::clean(&item, &clean::CleanOptions::default()) {
            match r {
                Ok(a) => {
                    println!(
                        "=== {path} [{}] unit={:?} id={}",
                        a.format, a.unit, a.article_id
                    );
                    println!("title:     {:?}", a.title);
                    println!("published: {:?} from {:?}", a.published, a.published_from);
                    println!("byline:    {:?}", a.byline);
                    println!("dateline:  {:?}", a.dateline);
                    println!("credits:   {:?}", a.credits);
                    println!("language:  {:?}  url: {:?}", a.language, a.url);
                    for r in &a.removed {
                        println!("removed:   {:<15} {:?}", r.kind, r.text);
                    }
                    println!("--- text\n{}\n", a.text);
                }
                Err(e) => println!("=== {path}: error: {e}"),
            }
        }
    }
}
