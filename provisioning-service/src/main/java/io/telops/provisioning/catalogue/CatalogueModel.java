package io.telops.provisioning.catalogue;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A phone model in the brand -> family -> model tree, with its key counts and its settings layer. */
@Entity
@Table(name = "catalogue_model")
public class CatalogueModel extends PanacheEntityBase {
    @Id
    public String id;
    public String brand;
    @Column(name = "brand_name")
    public String brandName;
    public String family;
    @Column(name = "family_id")
    public String familyId;
    @Column(name = "family_name")
    public String familyName;
    public String model;
    public String name;
    public String picture;
    @Column(name = "feature_keys")
    public int featureKeys;
    @Column(name = "combo_keys")
    public int comboKeys;
    @Column(name = "module_keys")
    public int moduleKeys;
    @Column(name = "max_modules")
    public int maxModules;
    public String settings = "{}";

    public static java.util.Optional<CatalogueModel> find(String brand, String family, String model) {
        return find("lower(brand) = ?1 and lower(family) = ?2 and lower(model) = ?3",
                brand.toLowerCase(java.util.Locale.ROOT), family.toLowerCase(java.util.Locale.ROOT),
                model.toLowerCase(java.util.Locale.ROOT)).firstResultOptional();
    }
}
