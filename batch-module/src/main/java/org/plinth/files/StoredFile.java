package org.plinth.files;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** An uploaded file's record; its bytes are in {@link FileBlobs} under the same id. */
@Entity
@Table(name = "stored_file")
public class StoredFile {

    @Id
    String id;
    String owner;
    String name;
    @Column(name = "media_type")
    String mediaType;
    String description;
    long size;
    String sha256;
    @Column(name = "created_at")
    OffsetDateTime createdAt;

    public String id() { return id; }
    public String owner() { return owner; }
    public String name() { return name; }
    public String mediaType() { return mediaType; }
    public String description() { return description; }
    public long size() { return size; }
    public String sha256() { return sha256; }
    public OffsetDateTime createdAt() { return createdAt; }
}
