//! Loading the NER model: clear errors for a missing or corrupted file.

use extract::ner::NerModel;
use std::path::Path;

fn models_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/models")
}

#[test]
fn missing_and_corrupted_models_are_refused_with_a_reason() {
    let dir = std::env::temp_dir().join(format!("lede-ner-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let err = NerModel::load(&dir)
        .err()
        .expect("missing model is an error")
        .to_string();
    // It names the file; it does not send a user to retrain (the models are built in, issue 21).
    assert!(err.contains("ner.bin") && !err.contains("train"), "{err}");

    let mut bytes = std::fs::read(models_dir().join("ner.bin")).unwrap();
    let mid = bytes.len() / 3;
    bytes[mid] ^= 0x40;
    std::fs::write(dir.join("ner.bin"), &bytes).unwrap();
    let err = NerModel::load(&dir)
        .err()
        .expect("corrupted model is an error")
        .to_string();
    assert!(err.contains("checksum"), "{err}");

    std::fs::write(dir.join("ner.bin"), b"not a model").unwrap();
    assert!(NerModel::load(&dir).is_err());
    std::fs::remove_dir_all(&dir).ok();
}
